package rewrite

// Python, JavaScript, TypeScript and Java are parsed with tree-sitter
// (github.com/smacker/go-tree-sitter): one maintained binding that bundles
// the official grammars, builds with cgo alone (no generator or network
// step), is error-tolerant but reports every syntax error in the tree, and
// gives exact byte offsets to edit at. The per-grammar modules of the newer
// github.com/tree-sitter/go-tree-sitter are not available from our module
// proxy.

import (
	"context"
	"fmt"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// tsLanguage describes how a tree-sitter grammar writes string literals.
type tsLanguage struct {
	lang *sitter.Language
	// strings are the node types of string literals.
	strings map[string]bool
	// decode returns the value of a literal's source text; reason says
	// why it cannot be used when ok is false.
	decode func(n *sitter.Node, raw string) (value string, ok bool, reason string)
	// context returns why the literal cannot become a call, or "".
	context func(n *sitter.Node, src []byte) string
}

// tsTree is a parsed file. Close it when done.
type tsTree struct {
	tree *sitter.Tree
	root *sitter.Node
}

func (t *tsTree) Close() { t.tree.Close() }

// tsParse parses src; an error means the file has syntax errors (it is then
// left alone).
func tsParse(path string, src []byte, lang *sitter.Language) (*tsTree, error) {
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(lang)
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return nil, fmt.Errorf("%s: parse: %w", path, err)
	}
	root := tree.RootNode()
	if root.HasError() {
		line := firstErrorLine(root)
		tree.Close()
		return nil, fmt.Errorf("%s: syntax error near line %d; file left alone", path, line)
	}
	return &tsTree{tree: tree, root: root}, nil
}

// tsParses reports whether src parses without error.
func tsParses(src []byte, lang *sitter.Language) bool {
	t, err := tsParse("", src, lang)
	if err != nil {
		return false
	}
	t.Close()
	return true
}

func firstErrorLine(n *sitter.Node) int {
	if n.IsError() || n.IsMissing() {
		return int(n.StartPoint().Row) + 1
	}
	for i := 0; i < int(n.ChildCount()); i++ {
		c := n.Child(i)
		if c != nil && c.HasError() {
			return firstErrorLine(c)
		}
	}
	return int(n.StartPoint().Row) + 1
}

// tsWalk calls fn for n and its descendants; fn returns false to skip the
// children of a node.
func tsWalk(n *sitter.Node, fn func(*sitter.Node) bool) {
	if n == nil || !fn(n) {
		return
	}
	for i := 0; i < int(n.ChildCount()); i++ {
		tsWalk(n.Child(i), fn)
	}
}

// tsMatch is the outcome of looking for the targets' literals.
type tsMatch struct {
	edits  []edit
	done   map[int]bool
	manual []ManualStep
	// used lists the targets rewritten, in order.
	used []Target
}

// tsReplace finds, for every target, the string literals on its line that
// hold the secret and replaces each by callFor(target) (or a concatenation
// around it when the literal only contains the secret).
func tsReplace(tree *tsTree, src []byte, l tsLanguage, targets []Target, callFor func(Target) string) *tsMatch {
	m := &tsMatch{done: map[int]bool{}}
	refused := map[int]bool{}
	tsWalk(tree.root, func(n *sitter.Node) bool {
		if !l.strings[n.Type()] {
			return true
		}
		first, last := int(n.StartPoint().Row)+1, int(n.EndPoint().Row)+1
		raw := string(src[n.StartByte():n.EndByte()])
		var cands []int
		for i, t := range targets {
			if t.Line >= first && t.Line <= last && t.Secret != "" && !refused[i] && strings.Contains(raw, firstRunes(t.Secret)) {
				cands = append(cands, i)
			}
		}
		if len(cands) == 0 {
			return false
		}
		refuse := func(ids []int, format string, args ...any) {
			for _, i := range ids {
				m.manual = append(m.manual, manual(targets[i], format, args...))
				refused[i] = true
			}
		}
		value, ok, reason := l.decode(n, raw)
		if !ok {
			var ids []int
			for _, i := range cands {
				if strings.Contains(raw, targets[i].Secret) {
					ids = append(ids, i)
				}
			}
			refuse(ids, "the literal is %s", reason)
			return false
		}
		var hits []int
		for _, i := range cands {
			if strings.Contains(value, targets[i].Secret) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 0 {
			return false
		}
		if why := l.context(n, src); why != "" {
			refuse(hits, "the literal is %s", why)
			return false
		}
		text, ok := spliceCalls(value, targets, hits, quoteCChecked, callFor)
		if !ok {
			refuse(hits, "the secrets in the literal overlap, or the rest of it is not valid UTF-8")
			return false
		}
		m.edits = append(m.edits, edit{int(n.StartByte()), int(n.EndByte()), text})
		for _, i := range hits {
			if !m.done[i] {
				m.used = append(m.used, targets[i])
			}
			m.done[i] = true
		}
		return false
	})
	for i, t := range targets {
		if !m.done[i] && !refused[i] {
			m.manual = append(m.manual, notFound(t))
		}
	}
	return m
}

// firstRunes is a cheap pre-filter: a literal holding the secret (even with
// escapes) contains its first character.
func firstRunes(s string) string {
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

// ancestor returns the nearest ancestor of n with one of the types, or nil.
func ancestor(n *sitter.Node, types ...string) *sitter.Node {
	for p := n.Parent(); p != nil; p = p.Parent() {
		for _, t := range types {
			if p.Type() == t {
				return p
			}
		}
	}
	return nil
}

// fieldOf returns the field name n has in its parent, or "".
func fieldOf(n *sitter.Node) string {
	p := n.Parent()
	if p == nil {
		return ""
	}
	for i := 0; i < int(p.ChildCount()); i++ {
		if c := p.Child(i); c != nil && c.StartByte() == n.StartByte() && c.EndByte() == n.EndByte() && c.Type() == n.Type() {
			return p.FieldNameForChild(i)
		}
	}
	return ""
}

// lineStartOf returns the offset of the start of the line holding off.
func lineStartOf(src []byte, off int) int {
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// onlySpaceBefore reports whether only blanks precede off on its line.
func onlySpaceBefore(src []byte, off int) bool {
	return strings.TrimSpace(string(src[lineStartOf(src, off):off])) == ""
}

// tsHasIdentifier reports whether the tree uses name as an identifier.
func tsHasIdentifier(root *sitter.Node, src []byte, name string) bool {
	found := false
	tsWalk(root, func(n *sitter.Node) bool {
		if found {
			return false
		}
		if (n.Type() == "identifier" || n.Type() == "shorthand_property_identifier") && n.Content(src) == name {
			found = true
		}
		return !found
	})
	return found
}

// nameTaken turns every target into a manual step because the helper's
// name is already used in the file.
func nameTaken(targets []Target, name string) *tsMatch {
	m := &tsMatch{done: map[int]bool{}}
	for _, t := range targets {
		m.manual = append(m.manual, manual(t, "the file already uses the name %s, which the generated helper needs", name))
	}
	return m
}
