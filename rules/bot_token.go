package rules

import "github.com/zricethezav/gitleaks/v8/config"

// botToken finds Telegram bot tokens by their shape alone (the bot's
// numeric id, a colon, AA and 33 characters), where gitleaks' rule wants
// the provider's name near them: in a bot URL (api.telegram.org/bot…/) or
// a TeleBot("…") call. The shape needs no context. (Discord's tokens have
// no selective keyword to find them by, so gitleaks' rule keeps them.)
func botToken() Rule {
	return build(spec{
		id:          "telegram-bot-token-bare",
		description: "Telegram bot token, by its shape",
		regex:       `(?:\b|bot)(\d{8,10}:AA[0-9A-Za-z_-]{33})(?:[^0-9A-Za-z_-]|$)`,
		keywords:    []string{":aa"},
		tags:        []string{"provider", "telegram"},
		// gitleaks' telegram-bot-api-token reports the assignments it
		// names (TELEGRAM_TOKEN = …): one finding is enough.
		allow: []*config.Allowlist{lineAllow("assignments gitleaks reports", `(?i)telegr[ \t\w.-]{0,20}[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)`)},
		tps: []string{
			"bot = telebot.TeleBot(\"7012345678:AAHq8Lm2vRz7kXp4Tn9Wb3cYs5Df1Gh0Jk2\")\n",
			"curl \"https://api.telegram.org/bot7012345678:AAHq8Lm2vRz7kXp4Tn9Wb3cYs5Df1Gh0Jk2/getMe\"\n",
			"bot_token = \"7012345678:AAHq8Lm2vRz7kXp4Tn9Wb3cYs5Df1Gh0Jk2\"\n",
		},
		fps: []string{
			"curl \"https://api.telegram.org/bot<token>/getMe\"\n",
			"TOKEN = \"123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n",
			// gitleaks' own rule reports this one.
			"TELEGRAM_TOKEN=\"7012345678:AAHq8Lm2vRz7kXp4Tn9Wb3cYs5Df1Gh0Jk2\"\n",
			"import { Module } from './module.service.provider.factory.ts'\n",
		},
	})
}
