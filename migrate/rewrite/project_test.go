package rewrite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// projectCase is a small project: files, the file to rewrite and its
// targets.
type projectCase struct {
	name    string
	files   map[string]string
	file    string
	targets []Target
}

// TestBrowserCodeIsManual: front-end code is never rewritten to read
// Secrets Manager; every target is a manual step with advice.
func TestBrowserCodeIsManual(t *testing.T) {
	const key = "sk_live_FAKEEXAMPLE0000000001"
	for _, c := range []projectCase{
		{name: "iife under static", file: "static/js/app.js", files: map[string]string{
			"static/js/app.js": "(function () {\n  var key = \"" + key + "\";\n  window.stripeKey = key;\n})();\n"}},
		{name: "document in a public script", file: "public/main.js", files: map[string]string{
			"public/main.js": "const key = \"" + key + "\";\ndocument.title = key;\n"}},
		{name: "plain script under assets", file: "assets/config.js", files: map[string]string{
			"assets/config.js": "var key = \"" + key + "\";\n"}},
		{name: "react component under src", file: "web/src/Pay.tsx", files: map[string]string{
			"web/src/Pay.tsx": "import React from \"react\";\nexport const KEY = \"" + key + "\";\nexport function Pay() { return <p>{KEY}</p>; }\n"}},
		{name: "use client", file: "app/pay.ts", files: map[string]string{
			"app/pay.ts": "\"use client\";\nexport const KEY = \"" + key + "\";\n"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, s := range c.files {
				fsys[p] = &fstest.MapFile{Data: []byte(s)}
			}
			src := []byte(c.files[c.file])
			line := 2
			if strings.HasPrefix(c.name, "plain") {
				line = 1
			}
			targets := []Target{{Line: line, Secret: key, Fingerprint: "fp1", SecretID: "shop/stripe-key"}}
			ch, err := ForProject(fsys, c.file).Rewrite(c.file, src, targets)
			if err != nil {
				t.Fatal(err)
			}
			if string(ch.Content) != string(src) || len(ch.Files) != 0 {
				t.Errorf("front-end file rewritten:\n%s", ch.Content)
			}
			if len(ch.Manual) != 1 || !strings.Contains(ch.Manual[0].Reason, "front-end code") || !strings.Contains(ch.Manual[0].Reason, "backend") {
				t.Errorf("manual steps = %+v, want one with front-end advice", ch.Manual)
			}
		})
	}
}

// TestServerCodeNextToBrowserIsRewritten: a Node server is not taken for
// front-end code.
func TestServerCodeNextToBrowserIsRewritten(t *testing.T) {
	const key = "sk_live_FAKEEXAMPLE0000000001"
	src := []byte("const express = require(\"express\");\nconst key = \"" + key + "\";\nmodule.exports = { key };\n")
	ch, err := ForProject(fstest.MapFS{}, "server/index.js").Rewrite("server/index.js", src,
		[]Target{{Line: 2, Secret: key, Fingerprint: "fp1", SecretID: "shop/stripe-key"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Manual) != 0 || strings.Contains(string(ch.Content), key) {
		t.Fatalf("server code not rewritten: %+v", ch.Manual)
	}
}

// TestTSOutputFor reads tsconfig.json as tsc does: comments, trailing
// commas, extends chains (relative and from node_modules), defaults, and
// node16 modules by the package type.
func TestTSOutputFor(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		file  string
		want  tsOutput
	}{
		{"no tsconfig", map[string]string{}, "src/a.ts", tsUnknown},
		{"commonjs through extends with comments", map[string]string{
			"tsconfig.base.json": "{\n  // shared\n  \"compilerOptions\": { \"module\": \"CommonJS\", /* old */ \"target\": \"es2019\", },\n}\n",
			"tsconfig.json":      "{ \"extends\": \"./tsconfig.base\", \"compilerOptions\": { \"strict\": true, }, }",
		}, "src/a.ts", tsCommonJS},
		{"child overrides base", map[string]string{
			"tsconfig.base.json": `{"compilerOptions": {"module": "commonjs"}}`,
			"app/tsconfig.json":  `{"extends": "../tsconfig.base.json", "compilerOptions": {"module": "es2022", "target": "es2022"}}`,
		}, "app/src/a.ts", tsESM},
		{"extends a package", map[string]string{
			"node_modules/@tsconfig/node20/tsconfig.json": `{"compilerOptions": {"module": "node16", "target": "es2022"}}`,
			"tsconfig.json": `{"extends": "@tsconfig/node20/tsconfig.json"}`,
			"package.json":  `{"name": "x"}`,
		}, "src/a.ts", tsCommonJS},
		{"node16 in an ES package", map[string]string{
			"tsconfig.json": `{"compilerOptions": {"module": "nodenext"}}`,
			"package.json":  `{"type": "module"}`,
		}, "src/a.ts", tsESM},
		{"defaults are commonjs", map[string]string{"tsconfig.json": `{}`}, "a.ts", tsCommonJS},
		{"es2020 has no top-level await", map[string]string{"tsconfig.json": `{"compilerOptions": {"module": "es2020", "target": "es2020"}}`}, "a.ts", tsNoAwait},
		{"es2022 with an old target", map[string]string{"tsconfig.json": `{"compilerOptions": {"module": "esnext", "target": "es2015"}}`}, "a.ts", tsNoAwait},
		{"array extends, last wins", map[string]string{
			"a.json":        `{"compilerOptions": {"module": "esnext", "target": "es2022"}}`,
			"b.json":        `{"compilerOptions": {"module": "commonjs"}}`,
			"tsconfig.json": `{"extends": ["./a.json", "./b.json"]}`,
		}, "x.ts", tsCommonJS},
		{"extends cycle", map[string]string{
			"tsconfig.json": `{"extends": "./b.json"}`,
			"b.json":        `{"extends": "./tsconfig.json", "compilerOptions": {"module": "commonjs"}}`,
		}, "x.ts", tsCommonJS},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for p, s := range c.files {
				fsys[p] = &fstest.MapFile{Data: []byte(s)}
			}
			if got, why := tsOutputFor(fsys, c.file); got != c.want {
				t.Errorf("tsOutputFor = %d (%s), want %d", got, why, c.want)
			}
		})
	}
}

// TestProjectRewritesRun rewrites a file inside a real project layout,
// builds it the way the project does and runs it against moto: a .js file
// of a "type": "module" package without import/export (Node loads it as
// an ES module) and TypeScript compiled by tsc as CommonJS through an
// extends chain.
func TestProjectRewritesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs programs against moto")
	}
	testenv.StartMoto(t)
	const value = "ghp_FAKEEXAMPLEprojectrun000000000001"
	for _, c := range []struct {
		projectCase
		run func(t *testing.T, dir string, env []string) []byte
	}{
		{projectCase{name: "esm package without imports", file: "src/config.js", files: map[string]string{
			"package.json":  `{"name": "esm-pkg", "type": "module"}`,
			"src/config.js": "const token = \"" + value + "\";\nconsole.log(token);\n",
		}}, func(t *testing.T, dir string, env []string) []byte {
			return runCmd(t, dir, env, "node", "src/config.js")
		}},
		{projectCase{name: "commonjs typescript", file: "src/server.ts", files: map[string]string{
			"package.json":       `{"name": "cjs-ts"}`,
			"tsconfig.base.json": "{\n  // shared settings\n  \"compilerOptions\": {\n    \"module\": \"commonjs\",\n    \"target\": \"es2020\",\n    \"strict\": true,\n    \"skipLibCheck\": true,\n  },\n}\n",
			"tsconfig.json":      "{\n  \"extends\": \"./tsconfig.base.json\",\n  /* output */\n  \"compilerOptions\": { \"outDir\": \"dist\", \"rootDir\": \"src\", \"types\": [\"node\"] },\n  \"include\": [\"src\"],\n}\n",
			"src/server.ts":      "const token: string = \"" + value + "\";\nexport function banner(): string {\n  return \"token \" + token;\n}\nconsole.log(banner());\n",
		}}, func(t *testing.T, dir string, env []string) []byte {
			tsc := filepath.Join(strings.TrimPrefix(env[0], "NODE_PATH="), ".bin", "tsc")
			_, err := os.Stat(tsc)
			testenv.Require(t, err == nil, "tsc", "cd .ci/node && npm install")
			runCmd(t, dir, env, tsc, "-p", ".")
			return runCmd(t, dir, env, "node", "dist/server.js")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			for p, s := range c.files {
				writeFile(t, filepath.Join(dir, p), []byte(s))
			}
			targets := []Target{{Line: 1, Secret: value, Fingerprint: "fp1", SecretID: "proj/" + strings.ReplaceAll(c.name, " ", "-")}}
			storeSecrets(t, targets)
			ch, err := ForProject(os.DirFS(dir), c.file).Rewrite(c.file, []byte(c.files[c.file]), targets)
			if err != nil {
				t.Fatal(err)
			}
			if len(ch.Manual) > 0 {
				t.Fatalf("manual: %s", ch.Manual[0].Reason)
			}
			writeFile(t, filepath.Join(dir, c.file), ch.Content)
			for name, content := range ch.Files {
				writeFile(t, filepath.Join(dir, filepath.Dir(c.file), name), content)
			}
			if !strings.Contains(string(c.run(t, dir, nodeEnv(t, dir))), value) {
				t.Error("the program did not print the value read from Secrets Manager")
			}
		})
	}
}
