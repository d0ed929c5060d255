package rewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// YAML files are edited in place, at the byte span of a scalar that
// gopkg.in/yaml.v3 locates (line and column), so comments and formatting
// outside the edited scalar are untouched. The result is decoded again and
// the edited scalar must be found, at the same path, with the new value.

// yamlHit is a scalar found in a YAML stream.
type yamlHit struct {
	node *yaml.Node
	// path leads to the node: document index, then mapping keys (string)
	// and sequence indices (int).
	path []any
	// key is the mapping key whose value the node is, or "".
	key string
	// ancestors are the enclosing nodes, outermost first.
	ancestors []*yaml.Node
}

// yamlDocs decodes every document of a YAML stream.
func yamlDocs(src []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, errors.New("not valid YAML")
		}
		docs = append(docs, &n)
	}
}

// yamlScalars returns every scalar value whose lines include line.
func yamlScalars(docs []*yaml.Node, line int) []yamlHit {
	var hits []yamlHit
	var walk func(n *yaml.Node, path []any, key string, anc []*yaml.Node)
	walk = func(n *yaml.Node, path []any, key string, anc []*yaml.Node) {
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path, "", append(anc, n))
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				walk(n.Content[i+1], appendPath(path, k.Value), k.Value, append(anc, n))
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, appendPath(path, i), "", append(anc, n))
			}
		case yaml.ScalarNode:
			last := n.Line + strings.Count(n.Value, "\n")
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				last = n.Line + strings.Count(n.Value, "\n") + 1
			}
			if line >= n.Line && line <= last {
				hits = append(hits, yamlHit{node: n, path: path, key: key, ancestors: append([]*yaml.Node(nil), anc...)})
			}
		}
	}
	for i, d := range docs {
		walk(d, []any{i}, "", nil)
	}
	return hits
}

func appendPath(path []any, p any) []any {
	out := make([]any, len(path), len(path)+1)
	copy(out, path)
	return append(out, p)
}

// yamlLookup follows path in docs.
func yamlLookup(docs []*yaml.Node, path []any) *yaml.Node {
	if len(path) == 0 {
		return nil
	}
	i, _ := path[0].(int)
	if i >= len(docs) {
		return nil
	}
	n := docs[i]
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	for _, p := range path[1:] {
		switch v := p.(type) {
		case string:
			if n.Kind != yaml.MappingNode {
				return nil
			}
			var next *yaml.Node
			for j := 0; j+1 < len(n.Content); j += 2 {
				if n.Content[j].Value == v {
					next = n.Content[j+1]
				}
			}
			if next == nil {
				return nil
			}
			n = next
		case int:
			if n.Kind != yaml.SequenceNode || v >= len(n.Content) {
				return nil
			}
			n = n.Content[v]
		}
	}
	return n
}

// yamlSpan returns the byte span of a single-line plain or quoted scalar
// in src; ok is false for block scalars, multi-line, tagged or anchored
// scalars and anything else it cannot delimit exactly.
func yamlSpan(src []byte, starts []int, n *yaml.Node) (start, end int, ok bool) {
	if n.Line < 1 || n.Line > len(starts) || n.Tag != "" && n.Tag != "!!str" || n.Anchor != "" {
		return 0, 0, false
	}
	lineEnd := len(src)
	if n.Line < len(starts) {
		lineEnd = starts[n.Line] - 1
	}
	line := src[starts[n.Line-1]:lineEnd]
	off := 0
	for col := 1; col < n.Column; col++ {
		if off >= len(line) {
			return 0, 0, false
		}
		_, w := utf8.DecodeRune(line[off:])
		off += w
	}
	rest := string(line[off:])
	base := starts[n.Line-1] + off
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		if !strings.HasPrefix(rest, `"`) {
			return 0, 0, false
		}
		for i := 1; i < len(rest); i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				return base, base + i + 1, true
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		if !strings.HasPrefix(rest, `'`) {
			return 0, 0, false
		}
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				return base, base + i + 1, true
			}
		}
	case n.Style == 0 || n.Style == yaml.TaggedStyle && n.Tag == "!!str":
		if n.Value != "" && strings.HasPrefix(rest, n.Value) && !strings.Contains(n.Value, "\n") {
			return base, base + len(n.Value), true
		}
	}
	return 0, 0, false
}

// yamlRestOfLine returns the text after end on its line.
func yamlRestOfLine(src []byte, end int) string {
	i := bytes.IndexByte(src[end:], '\n')
	if i < 0 {
		return string(src[end:])
	}
	return string(src[end : end+i])
}

// yamlVerify decodes out and checks that each path leads to a scalar with
// the wanted value.
func yamlVerify(out []byte, want map[string]yamlWant) error {
	docs, err := yamlDocs(out)
	if err != nil {
		return errors.New("the rewritten YAML does not parse")
	}
	for _, w := range want {
		n := yamlLookup(docs, w.path)
		if n == nil || n.Kind != yaml.ScalarNode || n.Value != w.value {
			return fmt.Errorf("the rewritten YAML does not hold the expected value at %v", w.path[1:])
		}
	}
	return nil
}

// yamlWant is a value expected at a path after an edit.
type yamlWant struct {
	path  []any
	value string
}

func pathKey(p []any) string { return fmt.Sprintf("%#v", p) }
