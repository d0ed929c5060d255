package rewrite

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"
)

// pythonRewriter replaces string literals in Python source by
// get_secret("id") (or get_secret("id", key="k") for a JSON secret) from a
// helper module generated beside the file (secretsweep_secrets.py: boto3
// with functools.lru_cache). The import tries the package-relative form
// first and falls back to the plain one, so it works both in a package and
// in a script. f-strings, bytes, implicitly concatenated strings and match
// patterns are manual steps.
type pythonRewriter struct{}

const pythonImport = "from secretsweep_secrets import get_secret"

func (pythonRewriter) Name() string { return "python" }

func (pythonRewriter) Match(path string) bool {
	return (strings.HasSuffix(path, ".py") || strings.HasSuffix(path, ".pyw")) && filepath.Base(path) != helperBase+".py"
}

// pythonLanguage describes Python string literals.
func pythonLanguage() tsLanguage {
	return tsLanguage{
		lang:    python.GetLanguage(),
		strings: map[string]bool{"string": true},
		decode:  decodePythonString,
		context: func(n *sitter.Node, _ []byte) string {
			if p := n.Parent(); p != nil && p.Type() == "concatenated_string" {
				return "part of an implicit string concatenation"
			}
			if p := n.Parent(); p != nil && p.Type() == "expression_statement" {
				return "a docstring or a statement of its own"
			}
			if a := ancestor(n, "case_pattern", "block"); a != nil && a.Type() == "case_pattern" {
				return "a match pattern"
			}
			return ""
		},
	}
}

// decodePythonString returns the value of a plain or raw str literal.
func decodePythonString(_ *sitter.Node, raw string) (string, bool, string) {
	i := 0
	for i < len(raw) && strings.ContainsRune("rRbBuUfF", rune(raw[i])) {
		i++
	}
	prefix := strings.ToLower(raw[:i])
	body := raw[i:]
	if strings.Contains(prefix, "f") {
		return "", false, "an f-string"
	}
	if strings.Contains(prefix, "b") {
		return "", false, "a bytes literal"
	}
	var q string
	for _, cand := range []string{`"""`, `'''`, `"`, `'`} {
		if strings.HasPrefix(body, cand) && strings.HasSuffix(body, cand) && len(body) >= 2*len(cand) {
			q = cand
			break
		}
	}
	if q == "" {
		return "", false, "an unusual string literal"
	}
	content := body[len(q) : len(body)-len(q)]
	if strings.Contains(prefix, "r") {
		return content, true, ""
	}
	v, ok := decodeEscapes(content)
	if !ok {
		return "", false, "a string with escapes secretsweep does not decode"
	}
	return v, true, ""
}

func (pythonRewriter) Rewrite(path string, src []byte, targets []Target) (*Change, error) {
	l := pythonLanguage()
	tree, err := tsParse(path, src, l.lang)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	ch := &Change{Content: src}
	if !bytes.Contains(src, []byte(pythonImport)) && tsHasIdentifier(tree.root, src, "get_secret") {
		ch.Manual = nameTaken(targets, "get_secret").manual
		return ch, nil
	}
	m := tsReplace(tree, src, l, targets, func(t Target) string {
		if t.Key != "" {
			return fmt.Sprintf("get_secret(%s, key=%s)", quoteC(t.SecretID), quoteC(t.Key))
		}
		return fmt.Sprintf("get_secret(%s)", quoteC(t.SecretID))
	})
	ch.Manual = m.manual
	if len(m.edits) == 0 {
		return ch, nil
	}
	edits := m.edits
	if !bytes.Contains(src, []byte(pythonImport)) {
		at := pythonImportOffset(tree.root, src)
		edits = append(edits, edit{at, at, pythonImportLead(src, at) + "try:\n    from ." + strings.TrimPrefix(pythonImport, "from ") +
			"\nexcept ImportError:\n    " + pythonImport + "\n" + pythonImportSep(src, at)})
	}
	out, err := applyEdits(src, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !tsParses(out, l.lang) {
		return nil, fmt.Errorf("%s: the rewritten Python source does not parse; file left alone", path)
	}
	ch.Content = out
	ch.Files = map[string][]byte{helperBase + ".py": []byte(pythonHelper)}
	ch.Notes = append(ch.Notes,
		"Python: "+helperBase+".py needs boto3 (add it to the project's requirements)",
		"Python: get_secret raises when a secret cannot be read; module-level assignments read it at import time")
	finishChange(ch, targets, m.done)
	return ch, nil
}

// pythonImportOffset is where the import goes: after the module docstring
// and __future__ imports, at the start of the first other statement's line.
func pythonImportOffset(root *sitter.Node, src []byte) int {
	end := 0
	first := true
	for i := 0; i < int(root.NamedChildCount()); i++ {
		c := root.NamedChild(i)
		switch {
		case c.Type() == "comment":
			continue
		case c.Type() == "future_import_statement",
			first && c.Type() == "expression_statement" && c.NamedChildCount() == 1 && c.NamedChild(0).Type() == "string":
			end = int(c.EndByte())
			first = false
			continue
		}
		start := lineStartOf(src, int(c.StartByte()))
		if start < end {
			// a statement on the line of the docstring: go after it
			return nextLine(src, end)
		}
		return start
	}
	return nextLine(src, end)
}

// nextLine returns the offset after the newline that ends off's line (or
// len(src)).
func nextLine(src []byte, off int) int {
	if off == 0 {
		return 0
	}
	if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
		return off + i + 1
	}
	return len(src)
}

// pythonImportLead is a newline when the import lands after a last line
// without one.
func pythonImportLead(src []byte, at int) string {
	if at == len(src) && at > 0 && src[at-1] != '\n' {
		return "\n"
	}
	return ""
}

// pythonImportSep is the text after the inserted import: a newline if the
// import lands at the very end of a file without one, and a blank line
// before code.
func pythonImportSep(src []byte, at int) string {
	if at == len(src) {
		return ""
	}
	return "\n"
}

// pythonHelper is the generated helper module.
const pythonHelper = `"""Reads secrets from AWS Secrets Manager (generated by secretsweep migrate)."""

import functools
import json
import os

import boto3


@functools.lru_cache(maxsize=None)
def _secret_string(secret_id):
    """Returns the secret string, calling Secrets Manager once per secret."""
    # boto3 reads AWS_DEFAULT_REGION only; the other SDKs read AWS_REGION.
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or None
    client = boto3.client("secretsmanager", region_name=region)
    return client.get_secret_value(SecretId=secret_id)["SecretString"]


def get_secret(secret_id, key=None):
    """Returns the secret, or the value under key in its JSON object."""
    value = _secret_string(secret_id)
    if key is None:
        return value
    return json.loads(value)[key]
`
