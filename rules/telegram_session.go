package rules

// telegramSession finds Telegram client session strings: what Pyrogram's
// Client(session_string=…) and Telethon's StringSession("…") restore a
// logged-in account from. Whoever holds one is logged in as that user
// (userbots commit them beside the bot code), so it is a credential of
// the account itself, not of an app.
func telegramSession() Rule {
	return build(spec{
		id:          "telegram-session-string",
		description: "Telegram client session string (Pyrogram session_string, Telethon StringSession)",
		regex:       `(?i)\b(?:session_string|string_session|stringsession)["']?[ \t]*(?:=|:|\()[ \t]*(?:StringSession\([ \t]*)?["']([A-Za-z0-9_+/-]{150,}={0,2})["']`,
		entropy:     4,
		keywords:    []string{"session_string", "string_session", "stringsession"},
		tags:        []string{"provider", "telegram"},
		tps: []string{
			"app = Client(\"zork\", api_id=API_ID, api_hash=API_HASH, session_string=\"" + fakeSessionString + "\")\n",
			"client = TelegramClient(StringSession(\"1" + fakeSessionString + "\"), api_id, api_hash)\n",
			"STRING_SESSION = '" + fakeSessionString + "'\n",
		},
		fps: []string{
			"app = Client(\"zork\", session_string=os.environ[\"SESSION_STRING\"])\n",
			"client = TelegramClient(StringSession(), api_id, api_hash)\n",
			"session_string = \"your_session_string_here\"\n",
		},
	})
}

// fakeSessionString is an obviously fake session string of a real one's
// length and alphabet.
const fakeSessionString = "BQZORKQUUX" + "Zk8qP2mLx7vR4tW9-Qn3Jb6Hc1Yd5Fe0Ug_Ta7Sx2Rw4Vz8Kp1Lm6Nq3Ob9Pc5Qd" +
	"Zk8qP2mLx7vR4tW9-Qn3Jb6Hc1Yd5Fe0Ug_Ta7Sx2Rw4Vz8Kp1Lm6Nq3Ob9Pc5Qd" +
	"Zk8qP2mLx7vR4tW9-Qn3Jb6Hc1Yd5Fe0Ug_Ta7Sx2Rw4Vz8Kp1Lm6Nq3Ob9Pc5Qd" +
	"Zk8qP2mLx7vR4tW9-Qn3Jb6Hc1Yd5Fe0Ug_Ta7Sx2Rw4Vz8Kp1Lm6Nq3Ob9Pc5QdAAAA"
