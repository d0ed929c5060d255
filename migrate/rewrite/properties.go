package rewrite

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/magiconair/properties"
)

// propertiesRewriter empties secret values in Java .properties files and
// puts a comment line above each naming the Secrets Manager secret; the note
// names the loader (Spring Cloud AWS `spring.config.import`, or the
// application's own code). Values are read with github.com/magiconair/
// properties and the result must load to the same keys with the moved ones
// empty. Continued lines and values that only contain the secret are manual
// steps.
type propertiesRewriter struct{}

func (propertiesRewriter) Name() string { return "properties" }

func (propertiesRewriter) Match(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".properties")
}

func (propertiesRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	before, err := propertiesLoad(src)
	if err != nil {
		return nil, fmt.Errorf("%s: not a .properties file that loads; file left alone", path)
	}
	starts := lineStarts(src)
	ch := &Change{Content: src}
	done := map[int]bool{}
	emptied := map[string]bool{}
	spring := isSpringConfig(path, before)
	_, hasImport := before[SpringImportKey]
	// replaced holds the new value of each moved key ("" or a Spring
	// placeholder); imported the targets a Spring import must load.
	replaced := map[string]string{}
	var imported []Target
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
		if !strings.Contains(line, t.Secret) {
			ch.Manual = append(ch.Manual, notFound(t))
			continue
		}
		if (t.Line > 1 && propertiesContinues(string(src[starts[t.Line-2]:ls]))) || propertiesContinues(line) {
			ch.Manual = append(ch.Manual, manual(t, "the property spans several lines"))
			continue
		}
		key, valueAt, ok := propertiesSplit(line)
		if !ok {
			ch.Manual = append(ch.Manual, notFound(t))
			continue
		}
		if emptied[key] {
			done[i] = true
			continue
		}
		one, err := propertiesLoad([]byte(line))
		if err != nil || one[key] != t.Secret || before[key] != t.Secret {
			ch.Manual = append(ch.Manual, manual(t, "the value of %s is not exactly the secret; edit it by hand", key))
			continue
		}
		value := ""
		if spring && !hasImport {
			if p := springProperty(t); p != key {
				if strings.ContainsAny(p, "${}:") {
					ch.Manual = append(ch.Manual, manual(t, "secret %s cannot be referenced as a Spring placeholder", t.SecretID))
					continue
				}
				value = "${" + p + "}"
			}
			imported = append(imported, t)
		}
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t\f"))]
		comment := fmt.Sprintf("%s# secretsweep: %s moved to %s\n", indent, key, yamlCommentSafe(secretRef(t)))
		edits = append(edits, edit{ls, ls, comment}, edit{ls + valueAt, ls + len(line), value})
		emptied[key], replaced[key] = true, value
		done[i] = true
	}
	if len(edits) == 0 {
		return ch, nil
	}
	importValue := ""
	if len(imported) > 0 {
		importValue = springImport(imported)
		nl := ""
		if len(src) > 0 && src[len(src)-1] != '\n' {
			nl = "\n"
		}
		edits = append(edits, edit{len(src), len(src), nl + "# secretsweep: loads the moved values from AWS Secrets Manager (Spring Cloud AWS)\n" +
			SpringImportKey + "=" + importValue + "\n"})
	}
	// The result must load to the same properties, the moved ones with
	// their new value, plus the import.
	load := func(b []byte) (map[string]string, error) {
		m, err := propertiesLoad(b)
		if err != nil {
			return nil, err
		}
		for k, v := range replaced {
			if m[k] != v {
				return nil, fmt.Errorf("%s changed", k)
			}
			m[k] = ""
		}
		if importValue != "" {
			if m[SpringImportKey] != importValue {
				return nil, fmt.Errorf("no import")
			}
			delete(m, SpringImportKey)
		}
		return m, nil
	}
	out, err := applyKeyValueEdits(path, src, edits, before, emptied, load)
	if err != nil {
		return nil, err
	}
	ch.Content = out
	switch {
	case importValue != "":
		ch.Notes = append(ch.Notes, springNote)
	case spring && hasImport:
		ch.Notes = append(ch.Notes, ".properties: the moved values are empty; add aws-secretsmanager:ID for each secret to the file's "+SpringImportKey+" (Spring Cloud AWS; a plain secret becomes the property named by its name's last segment, a JSON secret's keys become properties)")
	default:
		ch.Notes = append(ch.Notes, ".properties: the moved values are empty; load them from AWS Secrets Manager at start-up, e.g. Spring Cloud AWS `spring.config.import=aws-secretsmanager:ID` (a JSON secret's keys become properties), or the SDK in code")
	}
	finishChange(ch, targets, done)
	return ch, nil
}

// propertiesLoad returns the raw (unexpanded) key/value pairs.
func propertiesLoad(src []byte) (m map[string]string, err error) {
	defer func() {
		if recover() != nil {
			m, err = nil, fmt.Errorf("parse panic")
		}
	}()
	l := &properties.Loader{Encoding: properties.UTF8, DisableExpansion: true}
	p, err := l.LoadBytes(src)
	if err != nil {
		return nil, err
	}
	return p.Map(), nil
}

// propertiesContinues reports whether a line ends with an odd number of
// backslashes (the next line continues it).
func propertiesContinues(line string) bool {
	line = strings.TrimRight(line, "\r\n")
	n := 0
	for i := len(line) - 1; i >= 0 && line[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// propertiesSplit returns the unescaped key of a key=value line and where
// its value starts; ok is false for comments, blank lines and keys with
// escapes.
func propertiesSplit(line string) (key string, valueAt int, ok bool) {
	i := len(line) - len(strings.TrimLeft(line, " \t\f"))
	if i >= len(line) || line[i] == '#' || line[i] == '!' {
		return "", 0, false
	}
	start := i
	for i < len(line) && !strings.ContainsRune(" \t\f=:", rune(line[i])) {
		if line[i] == '\\' {
			return "", 0, false
		}
		i++
	}
	key = line[start:i]
	for i < len(line) && strings.ContainsRune(" \t\f", rune(line[i])) {
		i++
	}
	if i < len(line) && (line[i] == '=' || line[i] == ':') {
		i++
	}
	for i < len(line) && strings.ContainsRune(" \t\f", rune(line[i])) {
		i++
	}
	return key, i, key != ""
}
