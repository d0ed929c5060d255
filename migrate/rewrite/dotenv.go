package rewrite

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/subosito/gotenv"
)

// dotenvRewriter empties secret values in .env files and puts a comment
// line above each naming the Secrets Manager secret; the note tells how to
// fill the variable at run time. Values are read with the gotenv parser (the
// one viper uses) and the result must parse to the same variables with the
// moved ones empty. Multi-line values and values that only contain the
// secret are manual steps.
type dotenvRewriter struct{}

func (dotenvRewriter) Name() string { return "dotenv" }

func (dotenvRewriter) Match(path string) bool {
	base := filepath.Base(path)
	return base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env")
}

// dotenvLine matches an assignment line: indent, export, key, separator,
// value.
func dotenvLine() *regexp.Regexp {
	return regexp.MustCompile(`^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)(\s*[=:]\s*)(.*)$`)
}

func (dotenvRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	before, err := dotenvParse(src)
	if err != nil {
		return nil, fmt.Errorf("%s: not a .env file gotenv can read; file left alone", path)
	}
	starts := lineStarts(src)
	assign := dotenvLine()
	ch := &Change{Content: src}
	done := map[int]bool{}
	emptied := map[string]bool{}
	var edits []edit
	for i, t := range targets {
		if t.Line < 1 || t.Line > len(starts) || t.Secret == "" {
			ch.Manual = append(ch.Manual, notFound(t))
			continue
		}
		ls := starts[t.Line-1]
		le := len(src)
		if t.Line < len(starts) {
			le = starts[t.Line] - 1
		}
		line := strings.TrimSuffix(string(src[ls:le]), "\r")
		m := assign.FindStringSubmatchIndex(line)
		if m == nil || !strings.Contains(line, t.Secret) {
			ch.Manual = append(ch.Manual, notFound(t))
			continue
		}
		key := line[m[6]:m[7]]
		if emptied[key] {
			done[i] = true
			continue
		}
		raw, _, readable := dotenvValue(line, m[10])
		if raw != t.Secret {
			ch.Manual = append(ch.Manual, manual(t, "the value of %s is not exactly the secret (or spans several lines); edit it by hand", key))
			continue
		}
		if !readable {
			ch.Manual = append(ch.Manual, manual(t, "the value of %s expands a variable or uses escapes that shells and dotenv parsers read differently; edit it by hand", key))
			continue
		}
		indent := line[m[2]:m[3]]
		comment := fmt.Sprintf("%s# secretsweep: %s moved to %s\n", indent, key, yamlCommentSafe(secretRef(t)))
		edits = append(edits, edit{ls, ls, comment}, edit{ls + m[10], ls + dotenvValueEnd(line, m[10]), ""})
		emptied[key] = true
		done[i] = true
	}
	if len(edits) == 0 {
		return ch, nil
	}
	out, err := applyKeyValueEdits(path, src, edits, before, emptied, func(b []byte) (map[string]string, error) { return dotenvParse(b) })
	if err != nil {
		return nil, err
	}
	ch.Content = out
	ch.Notes = append(ch.Notes, ".env: the moved variables are empty; fill them at run time from AWS Secrets Manager (ECS/EKS `secrets`/`valueFrom`, `aws secretsmanager get-secret-value --secret-id ID --query SecretString --output text` in the start script, or read them in code with the SDK)")
	finishChange(ch, targets, done)
	return ch, nil
}

// dotenvParse parses .env content without touching the process
// environment (expansion of ${VAR} is disabled by escaping nothing: gotenv
// only reads os env for unknown names, which does not change equality
// between two parses in one process).
func dotenvParse(src []byte) (env gotenv.Env, err error) {
	defer func() {
		if recover() != nil {
			env, err = nil, fmt.Errorf("parse panic")
		}
	}()
	return gotenv.StrictParse(bytes.NewReader(src))
}

// dotenvValueEnd returns where the value starting at i ends: after its
// closing quote, or before a " #" comment, so comments stay.
func dotenvValueEnd(line string, i int) int {
	if i < len(line) && (line[i] == '"' || line[i] == '\'') {
		q := line[i]
		for j := i + 1; j < len(line); j++ {
			if line[j] == '\\' && q == '"' {
				j++
				continue
			}
			if line[j] == q {
				return j + 1
			}
		}
		return len(line)
	}
	if j := strings.Index(line[i:], " #"); j >= 0 {
		return i + j
	}
	return len(strings.TrimRight(line, " \t"))
}

// DotenvValue returns the value a consumer (a shell sourcing the file,
// docker compose, dotenv libraries) reads from the assignment on line
// when the text of that value is exactly secret: double quotes decode \$,
// \", \\ and \n; single quotes are literal; an unquoted value ends before
// a " #" comment. ok is false when path is not a .env file, the value is
// not exactly secret, or consumers disagree on it (a $VAR expansion,
// another escape).
func DotenvValue(path, line, secret string) (value string, ok bool) {
	if !(dotenvRewriter{}).Match(path) {
		return "", false
	}
	m := dotenvLine().FindStringSubmatchIndex(strings.TrimSuffix(line, "\r"))
	if m == nil {
		return "", false
	}
	raw, value, ok := dotenvValue(line, m[10])
	if !ok || raw != secret {
		return "", false
	}
	return value, true
}

// dotenvValue reads the value starting at line[i]: its text (inside the
// quotes, without a comment) and what consumers read; readable is false
// when they would disagree or the value is not on this line.
func dotenvValue(line string, i int) (raw, value string, readable bool) {
	rest := strings.TrimRight(line[i:], " \t\r")
	expands := func(s string, j int) bool {
		if j+1 >= len(s) {
			return false
		}
		c := s[j+1]
		return c == '{' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	switch {
	case strings.HasPrefix(rest, `"`):
		var b strings.Builder
		readable = true
		for j := 1; j < len(rest); j++ {
			c := rest[j]
			switch {
			case c == '\\' && j+1 < len(rest):
				switch n := rest[j+1]; n {
				case '$', '"', '\\':
					b.WriteByte(n)
				case 'n':
					b.WriteByte('\n')
				default:
					readable = false
				}
				j++
			case c == '$' && expands(rest, j):
				readable = false
			case c == '"':
				after := strings.TrimSpace(rest[j+1:])
				if after != "" && !strings.HasPrefix(after, "#") {
					readable = false
				}
				return rest[1:j], b.String(), readable
			default:
				b.WriteByte(c)
			}
		}
		return "", "", false
	case strings.HasPrefix(rest, "'"):
		j := strings.IndexByte(rest[1:], '\'')
		if j < 0 {
			return "", "", false
		}
		raw = rest[1 : j+1]
		after := strings.TrimSpace(rest[j+2:])
		return raw, raw, after == "" || strings.HasPrefix(after, "#")
	}
	raw = rest
	if j := strings.Index(raw, " #"); j >= 0 {
		raw = raw[:j]
	}
	raw = strings.TrimRight(raw, " \t")
	readable = !strings.ContainsAny(raw, "\\\"'` \t")
	for j := range len(raw) {
		if raw[j] == '$' && expands(raw, j) {
			readable = false
		}
	}
	return raw, raw, readable
}
