package rules

// telegramAPIHash finds a Telegram application's api_hash (32 hex digits),
// the secret half of the api_id/api_hash pair that Telethon and Pyrogram
// bots and userbots log in with: API_HASH = "…", TELEGRAM_HASH: …,
// api_hash="…" passed to a client. The key names it; the value's shape
// is fixed.
func telegramAPIHash() Rule {
	return build(spec{
		id:          "telegram-api-hash",
		description: "Telegram application api_hash",
		regex:       `(?i)\b(?:tg|telegram|app)?[_.-]?(?:api[_.-]?hash|telegram[_.-]?hash)["']?[ \t]*(?::=|=|:)[ \t]*["']?([0-9a-f]{32})\b`,
		keywords:    []string{"hash"},
		tags:        []string{"provider"},
		tps: []string{
			"API_ID = 1234567\nAPI_HASH = \"9f1e2d3c4b5a69788776655443f2e1d0\"\n",
			"TELEGRAM_HASH = \"9deacb0f3e2d1c4b5a69788776655443\"\n",
			"app = Client(\"bot\", api_id=1234567, api_hash=\"9deacb0f3e2d1c4b5a69788776655443\")\n",
		},
		fps: []string{
			"API_HASH = os.environ[\"API_HASH\"]\n",
			"API_HASH = \"your_api_hash\"\n",
			"file_hash = \"9deacb0f3e2d1c4b5a69788776655443\"\n",
		},
	})
}
