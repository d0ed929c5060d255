package rules

import (
	"strings"

	"github.com/zricethezav/gitleaks/v8/regexp"
)

// markdownField finds a secret written as a bold field of a Markdown list
// or paragraph, the way status notes and setup guides record what an app
// runs with (- **API Key**: `1725da5a…`, - **Password**: postgres). Under
// a password label any value that is not a placeholder is reported, as
// the stack's documented login; under a key, token or secret label the
// value must look generated.
func markdownField() Rule {
	return build(spec{
		id:          "markdown-field-secret",
		description: "Secret in a bold Markdown field (**API Key**: …, **Password**: …)",
		regex: "(?i)\\*\\*((?:[\\w-]+[ \\t])?(?:api[ \\t_-]?key|secret(?:[ \\t]key)?|client[ \\t]secret|password|passwd|passphrase|密码|口令|contraseña|senha|passwort|wachtwoord|(?:access|bearer|auth|api)[ \\t]token|token))[ \\t]*:?\\*\\*[ \\t]*:?[ \\t]*" +
			"`?([^\\s`|*<>]{4,256})`?[ \\t]*(?:$|[\\r\\n|(])",
		secretGroup: 2,
		path:        `(?i)\.(?:md|markdown|mdx|txt|rst)$`,
		keywords:    []string{"**"},
		tags:        []string{"docs", "confidence:medium"},
		weakOK:      true,
		check:       markdownFieldCheck,
		tps: []string{
			"- **API Key**: `9f4c1a7e3b8d2e6a0c5f9b1d7e3a8c2f-4b6d0e9a2c8f1e7d3a5b9c0e6f2a8d1b`\n",
			"- **Secret**: `z7q0k41x09pmf3wb58tc`\n",
			"- **Password**: zorkpostgres\n",
			"**Bearer Token**: `Kx7mQ2vLp9abQz3wRt8yNc4d`\n",
			"- **Admin password:** zork4711\n",
			"- **密码**: zorkADMIN123\n",
		},
		fps: []string{
			"- **Password**: your-password-here\n",
			"- **API Key**: `${NEWS_API_KEY}`\n",
			"- **API Key**: set it in `.env`\n",
			"- **Token**: expires after one hour\n",
			"- **Password**: `<password>`\n",
			"- **API Key**: `sk-...`\n",
			"**Secret key**: required\n",
			"- **ZORK Token**: https://explorer.solana.com/address/JokLmbYYNw8Qs8ZLPb2eFoPmZhKzD8R2gdcaeuq7yee\n",
		},
	})
}

// markdownFieldCheck keeps a password label's non-placeholder value and
// another label's generated-looking one.
func markdownFieldCheck(match, secret string) bool {
	label := strings.ToLower(match)
	if i := strings.Index(match, secret); i >= 0 {
		label = strings.ToLower(match[:i])
	}
	if strings.Contains(label, "pass") || passwordLabel.MatchString(label) {
		return !markdownProse.MatchString(secret)
	}
	if plainLink.MatchString(secret) {
		return false // - **Token**: https://explorer.example/address/…: a link to read about it
	}
	return len(secret) >= 8 && entropy(secret) > 3 && !weakValue.MatchString(secret)
}

// plainLink matches a web link that carries no credential: no user info
// before the host and no query.
var plainLink = regexp.MustCompile(`(?i)^https?://[^/@?#\s]+(?:/[^?#@\s]*)?$`)

// passwordLabel matches "password" in the languages of READMEs.
var passwordLabel = regexp.MustCompile(`密码|口令|contraseña|senha|passwort|wachtwoord`)

// markdownProse matches a lone lower-case word that describes rather than
// is a value (required, optional, none).
var markdownProse = regexp.MustCompile(`(?i)^(?:required|optional|none|n/a|same|see|set|unset|empty|hidden|masked|default)$`)
