package rewrite

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/smacker/go-tree-sitter/javascript"
)

// javascriptRewriter replaces string literals in JavaScript by reads from
// AWS Secrets Manager through @aws-sdk/client-secrets-manager, whose calls
// are asynchronous:
//
//   - ES modules (.mjs, or files with import/export) read every secret
//     once with top-level await into a const declared after the imports;
//     the literal becomes that const. Values are ready before any code of
//     the module runs, so the rewrite keeps the code synchronous.
//   - CommonJS files cannot await at the top level. The literal becomes
//     getSecretSync("id"), a lazy getter: the first use of a secret runs
//     the helper in a child Node process (execFileSync) that fetches it
//     with the SDK, and the value is cached for the process. This keeps
//     the expression a string wherever it was used (a promise would change
//     the program's meaning); the helper also exports an async getSecret.
//
// Helpers: secretsweep_secrets.mjs or secretsweep_secrets.cjs beside the
// file. Module paths, object keys, JSX attribute values, tagged templates
// and templates with substitutions are manual steps.
//
// Front-end code (browserCode) is never rewritten: every target is a
// manual step with advice. The module kind follows Node.js: .mjs and .cjs
// by their extension, a .js file by the "type" of the nearest package.json
// (read from project), then by import/export statements in the file (code
// a bundler reads).
type javascriptRewriter struct {
	project fs.FS // the repository, for package.json; nil: none
}

func (javascriptRewriter) Name() string { return "javascript" }

func (javascriptRewriter) Match(path string) bool {
	base := filepath.Base(path)
	if strings.HasPrefix(base, helperBase+".") {
		return false
	}
	switch filepath.Ext(path) {
	case ".js", ".mjs", ".cjs", ".jsx":
		return true
	}
	return false
}

func (r javascriptRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	l := jsLanguage(javascript.GetLanguage())
	tree, err := tsParse(path, src, l.lang)
	if err != nil {
		return nil, err
	}
	if why := browserCode(path, tree.root, src); why != "" {
		tree.Close()
		return browserManual(src, targets, why), nil
	}
	ext := filepath.Ext(path)
	esm := ext == ".mjs" || (ext != ".cjs" && (isESModule(tree.root) || nodePackageType(r.project, path) == "module"))
	tree.Close()
	var (
		ch *Change
		m  *tsMatch
	)
	if esm {
		ch, m, err = jsRewriteModule(path, src, targets, l, "./"+helperBase+".mjs")
		if err != nil {
			return nil, err
		}
		if len(m.edits) > 0 {
			ch.Files = map[string][]byte{helperBase + ".mjs": []byte(jsModuleHelper)}
			ch.Notes = append(ch.Notes, "JavaScript: the ES module reads its secrets with top-level await (Node.js 14.8+) before its code runs")
		}
	} else {
		ch, m, err = jsRewriteCommonJS(path, src, targets, l)
		if err != nil {
			return nil, err
		}
		if len(m.edits) > 0 {
			ch.Files = map[string][]byte{helperBase + ".cjs": []byte(jsCommonJSHelper)}
			ch.Notes = append(ch.Notes, "JavaScript: CommonJS code reads each secret on first use with getSecretSync (a cached, blocking call through a child Node process); prefer `await getSecret(id)` in async code")
		}
	}
	if len(m.edits) > 0 {
		ch.Notes = append(ch.Notes, "JavaScript: add @aws-sdk/client-secrets-manager to package.json dependencies")
	}
	finishChange(ch, targets, m.done)
	return ch, nil
}

// jsRewriteCommonJS rewrites a CommonJS file with the lazy synchronous
// getter.
func jsRewriteCommonJS(path string, src []byte, targets []Target, l tsLanguage) (*Change, *tsMatch, error) {
	return jsRewriteSync(path, src, targets, l, `const { getSecretSync } = require("./`+helperBase+`.cjs");`, "getSecretSync")
}

// jsRewriteSync replaces literals by calls of fn, a synchronous getter
// that req (a statement put before the first one) brings in scope.
func jsRewriteSync(path string, src []byte, targets []Target, l tsLanguage, req, fn string) (*Change, *tsMatch, error) {
	tree, err := tsParse(path, src, l.lang)
	if err != nil {
		return nil, nil, err
	}
	defer tree.Close()
	m := tsReplace(tree, src, l, targets, func(t Target) string {
		if t.Key != "" {
			return fmt.Sprintf("%s(%s, %s)", fn, quoteC(t.SecretID), quoteC(t.Key))
		}
		return fmt.Sprintf("%s(%s)", fn, quoteC(t.SecretID))
	})
	if !strings.Contains(string(src), req) && tsHasIdentifier(tree.root, src, fn) {
		m = nameTaken(targets, fn)
	}
	ch := &Change{Content: src, Manual: m.manual}
	if len(m.edits) == 0 {
		return ch, m, nil
	}
	edits := m.edits
	if !strings.Contains(string(src), req) {
		at := jsStatementStart(tree.root, src, false)
		lead := ""
		if at < 0 {
			at, lead = len(src), "\n"
		}
		edits = append(edits, edit{at, at, lead + req + "\n\n"})
	}
	out, err := applyEdits(src, edits)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if !tsParses(out, l.lang) {
		return nil, nil, fmt.Errorf("%s: the rewritten JavaScript does not parse; file left alone", path)
	}
	ch.Content = out
	return ch, m, nil
}
