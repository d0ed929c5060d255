package rewrite

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
)

// fuzzRewriter checks that a rewriter never panics and never returns a file
// that does not parse: the seeds are the golden inputs; each run targets
// every line where the fuzzed secret occurs.
func fuzzRewriter(f *testing.F, r Rewriter, path string, parses func([]byte) bool) {
	for _, c := range goldenCases(f, r.Name()) {
		src, err := os.ReadFile(c.input)
		if err != nil {
			f.Fatal(err)
		}
		for _, tg := range c.targets {
			f.Add(src, tg.Secret)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, secret string) {
		var targets []Target
		if secret != "" {
			for i, line := range bytes.Split(src, []byte("\n")) {
				if bytes.Contains(line, []byte(secret)) {
					targets = append(targets, Target{Line: i + 1, Secret: secret, Fingerprint: "fuzz", SecretID: "fuzz/ID", Key: "k", Variable: "V"})
				}
			}
		}
		ch, err := r.Rewrite(path, src, targets)
		if err != nil {
			if secret != "" && len(secret) > 3 && strings.Contains(err.Error(), secret) {
				t.Fatalf("error quotes the secret: %v", err)
			}
			return
		}
		if ch == nil {
			t.Fatal("nil change without error")
		}
		if !bytes.Equal(ch.Content, src) && !parses(ch.Content) {
			t.Fatalf("rewritten file does not parse:\n%s", ch.Content)
		}
	})
}

func FuzzGo(f *testing.F) {
	fuzzRewriter(f, goRewriter{}, "fuzz.go", func(b []byte) bool {
		_, err := parser.ParseFile(token.NewFileSet(), "fuzz.go", b, parser.ParseComments)
		return err == nil
	})
}

func FuzzPython(f *testing.F) {
	fuzzRewriter(f, pythonRewriter{}, "fuzz.py", func(b []byte) bool { return tsParses(b, pythonLanguage().lang) })
}

func FuzzJavaScript(f *testing.F) {
	fuzzRewriter(f, javascriptRewriter{}, "fuzz.js", func(b []byte) bool { return tsParses(b, javascript.GetLanguage()) })
}

func FuzzJavaScriptModule(f *testing.F) {
	fuzzRewriter(f, javascriptRewriter{}, "fuzz.mjs", func(b []byte) bool { return tsParses(b, javascript.GetLanguage()) })
}

func FuzzTypeScript(f *testing.F) {
	fuzzRewriter(f, typescriptRewriter{}, "fuzz.ts", func(b []byte) bool { return tsParses(b, typescript.GetLanguage()) })
}

func FuzzDotenv(f *testing.F) {
	fuzzRewriter(f, dotenvRewriter{}, ".env", func(b []byte) bool { _, err := dotenvParse(b); return err == nil })
}

func FuzzProperties(f *testing.F) {
	fuzzRewriter(f, propertiesRewriter{}, "app.properties", func(b []byte) bool { _, err := propertiesLoad(b); return err == nil })
}

func FuzzYAML(f *testing.F) {
	fuzzRewriter(f, yamlConfigRewriter{}, "docker-compose.yml", func(b []byte) bool { _, err := yamlDocs(b); return err == nil })
}

func FuzzWorkflow(f *testing.F) {
	fuzzRewriter(f, workflowRewriter{}, ".github/workflows/ci.yml", func(b []byte) bool { _, err := yamlDocs(b); return err == nil })
}

func FuzzJava(f *testing.F) {
	fuzzRewriter(f, javaRewriter{}, "Fuzz.java", func(b []byte) bool { return tsParses(b, javaLanguage().lang) })
}

// fuzzTargetFor names the fuzz target of each registered rewriter;
// TestRegistry checks the list.
func fuzzTargetFor() map[string]string {
	return map[string]string{
		"go":             "FuzzGo",
		"python":         "FuzzPython",
		"javascript":     "FuzzJavaScript",
		"typescript":     "FuzzTypeScript",
		"java":           "FuzzJava",
		"dotenv":         "FuzzDotenv",
		"properties":     "FuzzProperties",
		"yaml":           "FuzzYAML",
		"github-actions": "FuzzWorkflow",
	}
}
