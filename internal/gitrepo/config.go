package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

type coreConfig struct {
	worktree string
	bare     bool
}

// readCore reads core.worktree and core.bare from a git config file
// (missing: zero values), as git reads them: the last value wins, a key
// without "=" is true, booleans are true/yes/on or a non-zero number.
// Include directives are not followed.
func readCore(path string) (coreConfig, error) {
	var c coreConfig
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("git config %s: %w", path, err)
	}
	err = parseConfig(string(data), func(section, key, value string, hasValue bool) {
		if section != "core" {
			return
		}
		switch key {
		case "worktree":
			c.worktree = value
		case "bare":
			c.bare = !hasValue || configBool(value)
		}
	})
	if err != nil {
		return coreConfig{}, fmt.Errorf("git config %s: %w", path, err)
	}
	return c, nil
}

// configBool is git's reading of a boolean value; a value git would
// reject is false.
func configBool(v string) bool {
	switch strings.ToLower(v) {
	case "true", "yes", "on":
		return true
	}
	n, err := strconv.ParseInt(v, 0, 64)
	return err == nil && n != 0
}

// parseConfig calls set for each variable of a git config file, in order,
// with the section name in lower case ("name\x00subsection" for a
// subsection) and the key in lower case.
func parseConfig(s string, set func(section, key, value string, hasValue bool)) error {
	s = strings.TrimPrefix(strings.ReplaceAll(s, "\r\n", "\n"), "\xef\xbb\xbf")
	p := &configParser{s: s}
	section := ""
	for p.i < len(s) {
		c := s[p.i]
		switch {
		case c == '#' || c == ';':
			p.skipLine()
		case configSpace(c) || c == '\n':
			p.i++
		case c == '[':
			p.i++
			name, err := p.section()
			if err != nil {
				return err
			}
			section = name
		case isAlpha(c):
			if section == "" {
				return p.errorf("variable outside a section")
			}
			key, value, hasValue, err := p.variable()
			if err != nil {
				return err
			}
			set(section, key, value, hasValue)
		default:
			return p.errorf("bad config line")
		}
	}
	return nil
}

type configParser struct {
	s string
	i int
}

func (p *configParser) errorf(format string, args ...any) error {
	return fmt.Errorf("line %d: "+format, append([]any{strings.Count(p.s[:min(p.i, len(p.s))], "\n") + 1}, args...)...)
}

func (p *configParser) skipLine() {
	if n := strings.IndexByte(p.s[p.i:], '\n'); n >= 0 {
		p.i += n
	} else {
		p.i = len(p.s)
	}
}

func (p *configParser) skipSpace() {
	for p.i < len(p.s) && configSpace(p.s[p.i]) {
		p.i++
	}
}

// section reads a section header after its "[": "name]" or
// `name "subsection"]`.
func (p *configParser) section() (string, error) {
	start := p.i
	for p.i < len(p.s) && (isKeyChar(p.s[p.i]) || p.s[p.i] == '.') {
		p.i++
	}
	name := strings.ToLower(p.s[start:p.i])
	if p.i < len(p.s) && p.s[p.i] == ']' && name != "" {
		p.i++
		return name, nil
	}
	if p.i == len(p.s) || !configSpace(p.s[p.i]) || name == "" {
		return "", p.errorf("bad section header")
	}
	p.skipSpace()
	if p.i == len(p.s) || p.s[p.i] != '"' {
		return "", p.errorf("bad section header")
	}
	var sub strings.Builder
	for p.i++; ; p.i++ {
		if p.i == len(p.s) || p.s[p.i] == '\n' {
			return "", p.errorf("bad section header")
		}
		c := p.s[p.i]
		if c == '"' {
			break
		}
		if c == '\\' && p.i+1 < len(p.s) && p.s[p.i+1] != '\n' {
			p.i++
			c = p.s[p.i]
		}
		sub.WriteByte(c)
	}
	p.i++
	if p.i == len(p.s) || p.s[p.i] != ']' {
		return "", p.errorf("bad section header")
	}
	p.i++
	return name + "\x00" + sub.String(), nil
}

// variable reads "key", "key = value" up to the end of its line (or of
// its last continued line).
func (p *configParser) variable() (key, value string, hasValue bool, err error) {
	start := p.i
	for p.i < len(p.s) && isKeyChar(p.s[p.i]) {
		p.i++
	}
	key = strings.ToLower(p.s[start:p.i])
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
	if p.i == len(p.s) || p.s[p.i] == '\n' {
		return key, "", false, nil
	}
	if p.s[p.i] != '=' {
		return "", "", false, p.errorf("bad config line")
	}
	p.i++
	value, err = p.value()
	return key, value, true, err
}

// value reads a value as git does: unquoted whitespace runs inside it
// become spaces and at its ends are dropped, quotes group, backslash
// escapes \n \t \b \\ \" and continues the line, # and ; start a comment.
func (p *configParser) value() (string, error) {
	var b strings.Builder
	quote, spaces := false, 0
	for ; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		if c == '\n' {
			break
		}
		if !quote {
			if configSpace(c) {
				if b.Len() > 0 {
					spaces++
				}
				continue
			}
			if c == '#' || c == ';' {
				p.skipLine()
				break
			}
		}
		for ; spaces > 0; spaces-- {
			b.WriteByte(' ')
		}
		switch c {
		case '"':
			quote = !quote
		case '\\':
			p.i++
			if p.i == len(p.s) {
				break
			}
			switch e := p.s[p.i]; e {
			case '\n':
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'b':
				b.WriteByte('\b')
			case '\\', '"':
				b.WriteByte(e)
			default:
				return "", p.errorf("bad escape in a value")
			}
		default:
			b.WriteByte(c)
		}
	}
	if quote {
		return "", p.errorf("unterminated quote")
	}
	return b.String(), nil
}

func configSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' }

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isKeyChar(c byte) bool { return isAlpha(c) || c >= '0' && c <= '9' || c == '-' }
