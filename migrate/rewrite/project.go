package rewrite

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// ForProject is For with read access to the project around the file: fsys
// is rooted at the repository and path is slash-separated and relative to
// it. The JavaScript and TypeScript rewriters read the nearest package.json
// and tsconfig.json there to emit code that runs the way the project is
// built. A nil fsys behaves as For.
func ForProject(fsys fs.FS, p string) Rewriter {
	for _, r := range registry(fsys) {
		if r.Match(p) {
			return r
		}
	}
	return nil
}

// nearestFile returns the content and path of the first file called name
// in dir or one of its parents up to the root of fsys.
func nearestFile(fsys fs.FS, dir, name string) (data []byte, at string, ok bool) {
	if fsys == nil {
		return nil, "", false
	}
	dir = path.Clean(dir)
	for {
		p := path.Join(dir, name)
		if b, err := fs.ReadFile(fsys, p); err == nil {
			return b, p, true
		}
		if dir == "." || dir == "/" || dir == "" {
			return nil, "", false
		}
		dir = path.Dir(dir)
	}
}

// nodePackageType returns the "type" of the package.json nearest to file,
// as Node.js decides the module kind of a .js file: "module" or
// "commonjs" (also when the field is missing), and "" when no package.json
// is found or it does not parse.
func nodePackageType(fsys fs.FS, file string) string {
	b, _, ok := nearestFile(fsys, path.Dir(file), "package.json")
	if !ok {
		return ""
	}
	var pkg struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(b, &pkg) != nil {
		return ""
	}
	if pkg.Type == "module" {
		return "module"
	}
	return "commonjs"
}

// browserDirs are directory names bundlers and web frameworks serve to
// browsers as they are, or build browser bundles from.
var browserDirs = map[string]bool{
	"static": true, "public": true, "assets": true, "www": true, "wwwroot": true, "htdocs": true,
	"dist": true, "bundle": true, "bundles": true, "frontend": true, "webapp": true,
}

// browserGlobals are identifiers only a browser defines.
var browserGlobals = map[string]bool{
	"window": true, "document": true, "navigator": true, "localStorage": true, "sessionStorage": true,
	"XMLHttpRequest": true,
}

// browserPackages are imports that make a file front-end code wherever it
// lives; uiPackages do so under src/ or a bundler directory.
var (
	browserPackages = map[string]bool{"react-dom": true, "react-dom/client": true, "vue": true, "svelte": true, "jquery": true}
	uiPackages      = map[string]bool{"react": true, "preact": true, "solid-js": true, "lit": true}
)

// nodeModules are Node.js built-in modules a browser file does not load.
var nodeModules = map[string]bool{
	"fs": true, "path": true, "http": true, "https": true, "child_process": true, "os": true, "net": true,
	"crypto": true, "stream": true, "url": true, "util": true, "express": true, "fastify": true, "koa": true,
}

// browserCode returns why a JavaScript or TypeScript file is front-end
// code, which must not read Secrets Manager, or "" when it is server code.
// It is deliberately eager: a false "browser" leaves a manual step, a
// false "server" ships a broken bundle that asks browsers for AWS
// credentials.
func browserCode(file string, root *sitter.Node, src []byte) string {
	var dirSignal string
	dirs := strings.Split(path.Dir(file), "/")
	for _, d := range dirs {
		if browserDirs[d] {
			dirSignal = d + "/"
		}
	}
	underSrc := false
	for _, d := range dirs {
		if d == "src" || d == "client" || d == "app" || d == "pages" || d == "components" {
			underSrc = true
		}
	}
	var global, pkg, uiPkg, node string
	useClient := false
	iife := false
	for i := 0; i < int(root.NamedChildCount()); i++ {
		c := root.NamedChild(i)
		if c.Type() == "expression_statement" && c.NamedChildCount() == 1 {
			e := c.NamedChild(0)
			if e.Type() == "string" && strings.Trim(e.Content(src), `'"`) == "use client" {
				useClient = true
			}
			if e.Type() == "call_expression" {
				if fn := e.ChildByFieldName("function"); fn != nil && fn.Type() == "parenthesized_expression" {
					iife = true
				}
			}
			if e.Type() == "parenthesized_expression" && e.NamedChildCount() == 1 && e.NamedChild(0).Type() == "call_expression" {
				iife = true
			}
		}
	}
	tsWalk(root, func(n *sitter.Node) bool {
		switch n.Type() {
		case "identifier":
			name := n.Content(src)
			// A property read of a browser global (window.x,
			// document.querySelector), not a local of the same name.
			if browserGlobals[name] && global == "" && fieldOf(n) == "object" {
				if p := n.Parent(); p != nil && p.Type() == "member_expression" {
					global = name
				}
			}
			if name == "__dirname" || name == "__filename" {
				node = name
			}
		case "member_expression":
			if obj := n.ChildByFieldName("object"); obj != nil {
				switch obj.Content(src) {
				case "process", "module":
					node = obj.Content(src)
				}
			}
		case "import_statement":
			if s := n.ChildByFieldName("source"); s != nil {
				mod := strings.Trim(s.Content(src), "'\"`")
				switch {
				case browserPackages[mod] || strings.HasPrefix(mod, "@angular/"):
					pkg = mod
				case uiPackages[mod]:
					uiPkg = mod
				case nodeModules[mod] || strings.HasPrefix(mod, "node:"):
					node = mod
				}
			}
		case "call_expression":
			if fn := n.ChildByFieldName("function"); fn != nil && fn.Content(src) == "require" {
				node = "require"
			}
		}
		return true
	})
	switch {
	case useClient:
		return `a "use client" component`
	case pkg != "":
		return "it imports " + pkg
	case global != "":
		return "it uses the browser's " + global
	case uiPkg != "" && (underSrc || dirSignal != ""):
		return "it imports " + uiPkg + " under a front-end source directory"
	case dirSignal != "" && node == "":
		if iife {
			return "a script (IIFE) under " + dirSignal
		}
		return "it lives under " + dirSignal + ", which is served to browsers or bundled for them"
	}
	return ""
}

// browserAdvice is the manual step's reason for front-end code.
func browserAdvice(why string) string {
	return "front-end code (" + why + "): browsers must not read AWS Secrets Manager and anything shipped to them is public; " +
		"serve what needs the value from a backend endpoint, or inject it at build time from the secret (e.g. an environment variable the bundler substitutes) if it may be public, and rotate it"
}

// browserManual turns every target into the manual step for front-end code.
func browserManual(src []byte, targets []Target, why string) *Change {
	ch := &Change{Content: src}
	for _, t := range targets {
		ch.Manual = append(ch.Manual, manual(t, "%s", browserAdvice(why)))
	}
	return ch
}
