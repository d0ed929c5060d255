package rewrite

import (
	"fmt"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// jsLanguage describes JavaScript and TypeScript string literals for a
// tree-sitter grammar of that family.
func jsLanguage(lang *sitter.Language) tsLanguage {
	return tsLanguage{
		lang:    lang,
		strings: map[string]bool{"string": true, "template_string": true},
		decode:  decodeJSString,
		context: jsLiteralContext,
	}
}

// decodeJSString returns the value of a quoted string or a template
// without substitutions.
func decodeJSString(n *sitter.Node, raw string) (string, bool, string) {
	if len(raw) < 2 {
		return "", false, "an unusual string literal"
	}
	if n.Type() == "template_string" {
		for i := 0; i < int(n.NamedChildCount()); i++ {
			if n.NamedChild(i).Type() == "template_substitution" {
				return "", false, "a template with substitutions"
			}
		}
		if strings.Contains(raw, "\r") {
			return "", false, "a template with carriage returns"
		}
	}
	v, ok := decodeEscapes(raw[1 : len(raw)-1])
	if !ok {
		return "", false, "a string with escapes secretsweep does not decode"
	}
	return v, true, ""
}

// jsLiteralContext returns why a JavaScript/TypeScript literal cannot be an
// expression, or "".
func jsLiteralContext(n *sitter.Node, src []byte) string {
	p := n.Parent()
	if p == nil {
		return "outside any statement"
	}
	switch p.Type() {
	case "import_statement", "import_require_clause", "external_module_reference":
		return "a module path"
	case "export_statement":
		if fieldOf(n) == "source" {
			return "a module path"
		}
	case "jsx_attribute":
		return "a JSX attribute value"
	case "call_expression":
		if n.Type() == "template_string" {
			return "a tagged template"
		}
		if fn := p.ChildByFieldName("function"); fn != nil && (fn.Content(src) == "require" || fn.Type() == "import") {
			return "a module path"
		}
	case "arguments":
		if gp := p.Parent(); gp != nil && gp.Type() == "call_expression" {
			if fn := gp.ChildByFieldName("function"); fn != nil && (fn.Content(src) == "require" || fn.Type() == "import") {
				return "a module path"
			}
		}
	case "expression_statement":
		if gp := p.Parent(); gp != nil && (gp.Type() == "program" || gp.Type() == "statement_block") {
			return "a directive or a statement of its own"
		}
	}
	switch fieldOf(n) {
	case "key", "name", "property", "source", "label":
		return "a property name or module path"
	}
	if ancestor(n, "literal_type", "enum_body", "ambient_declaration", "type_annotation", "type_alias_declaration", "interface_body") != nil {
		return "part of a type or an enum"
	}
	return ""
}

// jsStatementStart returns where inserted statements go: the start of the
// line of the first top-level statement that is not a directive, an import,
// a comment or a hashbang (imports are hoisted, so declarations placed there
// come before any code that uses them); the end of the file when there is
// none.
func jsStatementStart(root *sitter.Node, src []byte, skipImports bool) int {
	directives := true
	for i := 0; i < int(root.NamedChildCount()); i++ {
		c := root.NamedChild(i)
		switch c.Type() {
		case "comment", "hash_bang_line":
			continue
		case "import_statement":
			if skipImports {
				continue
			}
		case "expression_statement":
			if directives && c.NamedChildCount() == 1 && c.NamedChild(0).Type() == "string" {
				continue
			}
		}
		directives = false
		return lineStartOf(src, int(c.StartByte()))
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		return -1 // caller adds a newline first
	}
	return len(src)
}

// isESModule reports whether a tree has top-level import or export
// statements.
func isESModule(root *sitter.Node) bool {
	for i := 0; i < int(root.NamedChildCount()); i++ {
		switch root.NamedChild(i).Type() {
		case "import_statement", "export_statement":
			return true
		}
	}
	return false
}

// jsAwaitNames assigns a const name to every secret (id and key) used, for
// modules that read the secrets with top-level await.
func jsAwaitNames(src []byte, targets []Target) map[[2]string]string {
	names := map[[2]string]string{}
	taken := map[string]bool{}
	for _, t := range targets {
		k := [2]string{t.SecretID, t.Key}
		if _, ok := names[k]; ok {
			continue
		}
		seg := t.SecretID[strings.LastIndex(t.SecretID, "/")+1:]
		base := "secretsweep_" + ident(seg)
		if t.Key != "" {
			base += "_" + ident(t.Key)
		}
		name := base
		for i := 2; taken[name] || strings.Contains(string(src), name); i++ {
			name = fmt.Sprintf("%s_%d", base, i)
		}
		taken[name] = true
		names[k] = name
	}
	return names
}

// jsAwaitDecls declares the names with top-level await.
func jsAwaitDecls(names map[[2]string]string, order []Target) string {
	var b strings.Builder
	seen := map[[2]string]bool{}
	for _, t := range order {
		k := [2]string{t.SecretID, t.Key}
		if seen[k] {
			continue
		}
		seen[k] = true
		if t.Key != "" {
			fmt.Fprintf(&b, "const %s = await getSecret(%s, %s);\n", names[k], quoteC(t.SecretID), quoteC(t.Key))
		} else {
			fmt.Fprintf(&b, "const %s = await getSecret(%s);\n", names[k], quoteC(t.SecretID))
		}
	}
	return b.String()
}

// jsRewriteModule rewrites an ES module (or TypeScript file): literals
// become consts read with top-level await, declared after the imports.
func jsRewriteModule(path string, src []byte, targets []Target, l tsLanguage, importPath string) (*Change, *tsMatch, error) {
	tree, err := tsParse(path, src, l.lang)
	if err != nil {
		return nil, nil, err
	}
	defer tree.Close()
	names := jsAwaitNames(src, targets)
	var m *tsMatch
	if !strings.Contains(string(src), "import { getSecret } from "+quoteC(importPath)) && tsHasIdentifier(tree.root, src, "getSecret") {
		m = nameTaken(targets, "getSecret")
	} else {
		m = tsReplace(tree, src, l, targets, func(t Target) string { return names[[2]string{t.SecretID, t.Key}] })
	}
	ch := &Change{Content: src, Manual: m.manual}
	if len(m.edits) == 0 {
		return ch, m, nil
	}
	at := jsStatementStart(tree.root, src, true)
	lead := ""
	if at < 0 {
		at, lead = len(src), "\n"
	}
	text := lead
	if !strings.Contains(string(src), "import { getSecret } from "+quoteC(importPath)) {
		text += "import { getSecret } from " + quoteC(importPath) + ";\n"
	}
	text += jsAwaitDecls(names, m.used) + "\n"
	out, err := applyEdits(src, append(m.edits, edit{at, at, text}))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if !tsParses(out, l.lang) {
		return nil, nil, fmt.Errorf("%s: the rewritten source does not parse; file left alone", path)
	}
	ch.Content = out
	return ch, m, nil
}
