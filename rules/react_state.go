package rules

import (
	"github.com/zricethezav/gitleaks/v8/config"
	"github.com/zricethezav/gitleaks/v8/regexp"
)

// reactState finds a React state hook whose initial value is a literal
// password or secret: const [password, setPassword] = useState("…"), the
// way login forms come prefilled with a seeded or developer's account.
// The state's name is the key, judged as an assignment's (assign_check.go).
func reactState() Rule {
	return build(spec{
		id:          "react-state-secret",
		description: "Literal initial value of a password- or secret-named React state hook",
		regex: `(?i)\[[ \t]*(?:\w*(?:passw(?:or)?d|passwd|pwd|secret|api_?key|token)\w*)[ \t]*,[ \t]*set\w+[ \t]*\][ \t]*=[ \t]*(?:React\.)?useState(?:<[\w |]+>)?\([ \t]*` +
			`(?:"([^"\r\n]{4,})"|'([^'\r\n]{4,})'|\x60([^\x60$\r\n]{4,})\x60)[ \t]*\)`,
		keywords: []string{"usestate"},
		tags:     []string{"code", "password"},
		path:     sourceCodeFiles,
		weakOK:   true,
		allow:    []*config.Allowlist{passwordPlaceholders()},
		check:    nameCheck(stateName),
		tps: []string{
			"  const [password, setPassword] = useState('Zork@4711');\n",
			"  const [pwd, setPwd] = React.useState(\"zork4711\");\n",
			"  const [apiKey, setApiKey] = useState<string>(`Zq8vL2mXr7kTn4Wb`);\n",
		},
		fps: []string{
			"  const [password, setPassword] = useState('');\n",
			"  const [password, setPassword] = useState(initialPassword);\n",
			"  const [showPassword, setShowPassword] = useState(false);\n",
			"  const [passwordError, setPasswordError] = useState('Password');\n",
			"  const [password, setPassword] = useState('changeme');\n",
		},
	})
}

// stateName matches the name of the state a hook's match declares.
var stateName = regexp.MustCompile(`\[[ \t]*(\w+)`)
