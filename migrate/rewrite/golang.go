package rewrite

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
)

// goRewriter replaces string literals in Go source by calls to
// secretsweepSecret(id, key), a helper generated next to the file in the
// same package (secretsweep_secrets.go, aws-sdk-go-v2 with a cache).
//
// A literal equal to the secret becomes the call; a literal that contains it
// (a DSN, a header) becomes ("prefix" + call + "suffix"), which is the same
// string at run time. A constant holding the secret becomes a variable (a
// constant cannot hold a call) unless the file uses it where Go needs a
// constant; then it is a manual step. Struct tags and import paths are
// manual steps. The file is edited as text at the positions go/parser
// reports, then gofmt'd and parsed again.
type goRewriter struct{}

// goHelperFunc is the helper's name inside the rewritten package.
const goHelperFunc = "secretsweepSecret"

func (goRewriter) Name() string { return "go" }

func (goRewriter) Match(path string) bool {
	return strings.HasSuffix(path, ".go") && filepath.Base(path) != helperBase+".go"
}

type goConst struct {
	decl  *ast.GenDecl
	spec  *ast.ValueSpec
	index int // of spec in decl.Specs
	t     Target
}

func (goRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("%s: not valid Go source (%s)", path, firstErrorPos(err))
	}
	ch := &Change{Content: src}
	if strings.HasSuffix(file.Name.Name, "_test") {
		for _, t := range targets {
			ch.Manual = append(ch.Manual, manual(t, "external test package %s cannot use a helper generated beside it", file.Name.Name))
		}
		return ch, nil
	}
	tf := fset.File(file.Pos())
	off := func(p token.Pos) int { return tf.Offset(p) }

	var edits []edit
	var consts []goConst
	done := map[int]bool{}    // target index -> rewritten
	refused := map[int]bool{} // target index -> manual already
	inspectStack(file, func(n ast.Node, stack []ast.Node) {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		first, last := fset.Position(lit.Pos()).Line, fset.Position(lit.End()).Line
		value, err := strconv.Unquote(lit.Value)
		if err != nil {
			return
		}
		var hits []int
		for i, t := range targets {
			if t.Line >= first && t.Line <= last && t.Secret != "" && !refused[i] && strings.Contains(value, t.Secret) {
				hits = append(hits, i)
			}
		}
		if len(hits) == 0 {
			return
		}
		refuse := func(format string, args ...any) {
			for _, i := range hits {
				ch.Manual = append(ch.Manual, manual(targets[i], format, args...))
				refused[i] = true
			}
		}
		if reason := goLiteralContext(lit, stack); reason != "" {
			refuse("the literal is %s", reason)
			return
		}
		var conv ast.Expr // the declared type the value must convert to
		gd := enclosingConst(stack)
		spec, isSpec := stack[len(stack)-1].(*ast.ValueSpec)
		if gd != nil && (!isSpec || len(spec.Names) != 1) {
			refuse("the literal is part of a constant expression, which cannot hold a call")
			return
		}
		if isSpec && spec.Type != nil && !isIdent(spec.Type, "string") {
			conv = spec.Type
		}
		text, ok := spliceCalls(value, targets, hits, func(s string) (string, bool) { return strconv.Quote(s), true }, func(t Target) string {
			return fmt.Sprintf("%s(%s, %s)", goHelperFunc, strconv.Quote(t.SecretID), strconv.Quote(t.Key))
		})
		if !ok {
			refuse("the secrets in the literal overlap")
			return
		}
		if conv != nil {
			// A concatenation is already parenthesised; a lone call is not.
			if strings.HasPrefix(text, "(") {
				text = exprText(src, off, conv) + text
			} else {
				text = exprText(src, off, conv) + "(" + text + ")"
			}
		}
		if gd != nil {
			for _, i := range hits {
				consts = append(consts, goConst{decl: gd, spec: spec, index: specIndex(gd, spec), t: targets[i]})
			}
		}
		edits = append(edits, edit{off(lit.Pos()), off(lit.End()), text})
		for _, i := range hits {
			done[i] = true
		}
	})

	edits, manuals := goConvertConsts(file, src, off, edits, consts)
	for _, m := range manuals {
		for i, t := range targets {
			if t == m.Target {
				done[i] = false
			}
		}
	}
	ch.Manual = append(ch.Manual, manuals...)
	for i, t := range targets {
		if !done[i] && !refused[i] && !isManual(manuals, t) {
			ch.Manual = append(ch.Manual, notFound(t))
		}
	}
	if len(edits) == 0 {
		return ch, nil
	}
	out, err := applyEdits(src, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	formatted, err := format.Source(out)
	if err != nil {
		return nil, fmt.Errorf("%s: the rewritten Go source does not parse; file left alone", path)
	}
	if _, err := parser.ParseFile(token.NewFileSet(), path, formatted, parser.ParseComments); err != nil {
		return nil, fmt.Errorf("%s: the rewritten Go source does not parse; file left alone", path)
	}
	ch.Content = formatted
	ch.Files = map[string][]byte{helperBase + ".go": goHelper(file.Name.Name)}
	if file.Name.Name == "main" {
		ch.Notes = append(ch.Notes, "Go: build or run the package (`go run .`), not the single file: the helper is a second file of package main")
	}
	ch.Notes = append(ch.Notes,
		"Go: "+helperBase+".go reads the secrets with aws-sdk-go-v2; run `go get github.com/aws/aws-sdk-go-v2/config github.com/aws/aws-sdk-go-v2/service/secretsmanager` in the module",
		"Go: secretsweepSecret panics when a secret cannot be read; package-level variables read it at start-up",
		"Go: where a literal was passed as a named string type, add a conversion (the helper returns string)")
	finishChange(ch, targets, done)
	return ch, nil
}

// goLiteralContext returns why a literal cannot become a call, or "".
func goLiteralContext(lit *ast.BasicLit, stack []ast.Node) string {
	for i := len(stack) - 1; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.ImportSpec:
			return "an import path"
		case *ast.Field:
			if p.Tag == lit {
				return "a struct tag"
			}
		case *ast.ArrayType:
			return "inside a type expression"
		}
	}
	return ""
}

func enclosingConst(stack []ast.Node) *ast.GenDecl {
	for i := len(stack) - 1; i >= 0; i-- {
		if gd, ok := stack[i].(*ast.GenDecl); ok && gd.Tok == token.CONST {
			return gd
		}
	}
	return nil
}

// goConvertConsts turns the constants in consts into variables, or reports
// them as manual steps (and drops their edits) when that is not safe.
func goConvertConsts(file *ast.File, src []byte, off func(token.Pos) int, edits []edit, consts []goConst) ([]edit, []ManualStep) {
	var manuals []ManualStep
	drop := func(c goConst, reason string) {
		for _, o := range consts {
			if o.spec == c.spec {
				manuals = append(manuals, manual(o.t, "%s", reason))
			}
		}
		s, e := off(c.spec.Pos()), off(c.spec.End())
		kept := edits[:0]
		for _, ed := range edits {
			if ed.start >= s && ed.end <= e {
				continue
			}
			kept = append(kept, ed)
		}
		edits = kept
	}
	seen := map[*ast.ValueSpec]bool{}
	for _, c := range consts {
		if seen[c.spec] {
			continue
		}
		seen[c.spec] = true
		name := c.spec.Names[0].Name
		if usedAsConstant(file, name, c.spec) {
			drop(c, fmt.Sprintf("constant %s is used where Go needs a constant; it cannot hold a call", name))
			continue
		}
		if c.index+1 < len(c.decl.Specs) {
			if next := c.decl.Specs[c.index+1].(*ast.ValueSpec); len(next.Values) == 0 {
				drop(c, fmt.Sprintf("constant %s is repeated implicitly by the next constant in its group", name))
				continue
			}
		}
		if !c.decl.Lparen.IsValid() || len(c.decl.Specs) == 1 {
			edits = append(edits, edit{off(c.decl.TokPos), off(c.decl.TokPos) + len("const"), "var"})
			continue
		}
		// Move the spec out of its group into its own var declaration.
		start, end := off(c.spec.Pos()), off(c.spec.End())
		if c.spec.Comment != nil {
			end = off(c.spec.Comment.End())
		}
		docStart := start
		doc := ""
		if c.spec.Doc != nil {
			docStart = off(c.spec.Doc.Pos())
			doc = strings.TrimSpace(string(src[docStart:start])) + "\n"
		}
		var inner []edit
		kept := edits[:0]
		for _, ed := range edits {
			if ed.start >= start && ed.end <= end {
				inner = append(inner, edit{ed.start - start, ed.end - start, ed.text})
				continue
			}
			kept = append(kept, ed)
		}
		edits = kept
		specText, err := applyEdits(src[start:end], inner)
		if err != nil {
			manuals = append(manuals, manual(c.t, "overlapping edits in constant %s", name))
			continue
		}
		// Take the whole lines, so the group keeps no blank line.
		cut, cutEnd := docStart, end
		for cut > 0 && (src[cut-1] == ' ' || src[cut-1] == '\t') {
			cut--
		}
		if cutEnd < len(src) && src[cutEnd] == '\n' && cut > 0 && src[cut-1] == '\n' {
			cutEnd++
		}
		edits = append(edits,
			edit{cut, cutEnd, ""},
			edit{off(c.decl.End()), off(c.decl.End()), "\n\n" + doc + "var " + string(specText)})
	}
	return edits, manuals
}

// usedAsConstant reports whether name appears in another constant
// declaration or an array length in file.
func usedAsConstant(file *ast.File, name string, self *ast.ValueSpec) bool {
	found := false
	inspectStack(file, func(n ast.Node, stack []ast.Node) {
		id, ok := n.(*ast.Ident)
		if !ok || id.Name != name || found {
			return
		}
		for i := len(stack) - 1; i >= 0; i-- {
			switch p := stack[i].(type) {
			case *ast.ValueSpec:
				if p == self {
					return
				}
			case *ast.GenDecl:
				if p.Tok == token.CONST {
					found = true
				}
				return
			case *ast.ArrayType:
				if p.Len != nil && within(id, p.Len) {
					found = true
					return
				}
			}
		}
	})
	return found
}

func within(n, outer ast.Node) bool { return n.Pos() >= outer.Pos() && n.End() <= outer.End() }

func specIndex(gd *ast.GenDecl, spec *ast.ValueSpec) int {
	for i, s := range gd.Specs {
		if s == spec {
			return i
		}
	}
	return -1
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

func exprText(src []byte, off func(token.Pos) int, e ast.Expr) string {
	return string(src[off(e.Pos()):off(e.End())])
}

func isManual(ms []ManualStep, t Target) bool {
	for _, m := range ms {
		if m.Target == t {
			return true
		}
	}
	return false
}

// inspectStack walks n depth-first, calling fn with each node and its
// ancestors (outermost first, excluding the node).
func inspectStack(n ast.Node, fn func(ast.Node, []ast.Node)) {
	var stack []ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		fn(n, stack)
		stack = append(stack, n)
		return true
	})
}

// firstErrorPos describes where a parse error is without quoting source
// text (which could be the secret).
func firstErrorPos(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 {
		return "at " + msg[:i]
	}
	return "parse error"
}

// finishChange reports, as manual steps, rewritten targets whose value still
// appears in the new content (another occurrence the finding did not name).
func finishChange(ch *Change, targets []Target, done map[int]bool) {
	for i, t := range targets {
		if done[i] && t.Secret != "" && bytes.Contains(ch.Content, []byte(t.Secret)) {
			ch.Manual = append(ch.Manual, manual(t, "the value still appears elsewhere in the file; only line %d was rewritten", t.Line))
		}
	}
}
