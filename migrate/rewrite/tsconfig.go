package rewrite

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
)

// tsOutput is how tsc emits a TypeScript file, as far as the rewrite
// cares.
type tsOutput int

const (
	tsUnknown  tsOutput = iota // no tsconfig.json: assume an ES module
	tsESM                      // an ES module where top-level await compiles
	tsCommonJS                 // CommonJS: no top-level await, require works
	tsNoAwait                  // an ES module without top-level await (module es2015/es2020, or target < es2017)
)

// tsOutputFor reads the tsconfig.json nearest to file (following extends)
// and returns how the file is compiled, with the options that decided it
// for messages.
func tsOutputFor(fsys fs.FS, file string) (tsOutput, string) {
	data, at, ok := nearestFile(fsys, path.Dir(file), "tsconfig.json")
	if !ok {
		return tsUnknown, ""
	}
	opts := map[string]string{}
	readTSConfig(fsys, at, data, opts, 0)
	module := strings.ToLower(opts["module"])
	target := strings.ToLower(opts["target"])
	if target == "" {
		target = "es5" // tsc's default through TypeScript 5
	}
	if module == "" {
		// tsc: CommonJS for an ES3/ES5 target, else ES2015.
		if target == "es3" || target == "es5" {
			module = "commonjs"
		} else {
			module = "es2015"
		}
	}
	why := "tsconfig " + at + ": module " + module + ", target " + target
	switch module {
	case "commonjs", "umd", "amd":
		return tsCommonJS, why
	case "node16", "node18", "node20", "nodenext":
		// As Node.js: by extension, else by the nearest package.json.
		switch path.Ext(file) {
		case ".mts":
			return tsESM, why
		case ".cts":
			return tsCommonJS, why
		}
		if nodePackageType(fsys, file) == "module" {
			return tsESM, why
		}
		return tsCommonJS, why + " in a CommonJS package"
	case "es2022", "esnext", "system", "preserve":
		switch target {
		case "es3", "es5", "es6", "es2015", "es2016":
			return tsNoAwait, why
		}
		return tsESM, why
	}
	return tsNoAwait, why
}

// readTSConfig merges the compilerOptions module and target of the config
// at p (content data) and of what it extends into opts; nearer configs win.
func readTSConfig(fsys fs.FS, p string, data []byte, opts map[string]string, depth int) {
	if depth > 16 {
		return
	}
	var cfg struct {
		Extends         json.RawMessage `json:"extends"`
		CompilerOptions map[string]any  `json:"compilerOptions"`
	}
	if json.Unmarshal(jsoncToJSON(data), &cfg) != nil {
		return
	}
	for _, k := range []string{"module", "target"} {
		if v, ok := cfg.CompilerOptions[k].(string); ok {
			if _, set := opts[k]; !set {
				opts[k] = v
			}
		}
	}
	var bases []string
	var one string
	if json.Unmarshal(cfg.Extends, &one) == nil && one != "" {
		bases = []string{one}
	} else {
		_ = json.Unmarshal(cfg.Extends, &bases)
	}
	// With several bases, later ones win: read them last first.
	for i := len(bases) - 1; i >= 0; i-- {
		bp, bdata, ok := resolveTSExtends(fsys, path.Dir(p), bases[i])
		if ok {
			readTSConfig(fsys, bp, bdata, opts, depth+1)
		}
	}
}

// resolveTSExtends finds the config an extends entry names: a relative
// path, or a package under the nearest node_modules.
func resolveTSExtends(fsys fs.FS, dir, name string) (string, []byte, bool) {
	var candidates []string
	if strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") {
		p := path.Join(dir, name)
		candidates = []string{p, p + ".json", path.Join(p, "tsconfig.json")}
	} else if !path.IsAbs(name) {
		for d := dir; ; d = path.Dir(d) {
			p := path.Join(d, "node_modules", name)
			candidates = append(candidates, p, p+".json", path.Join(p, "tsconfig.json"))
			if d == "." || d == "/" {
				break
			}
		}
	}
	for _, c := range candidates {
		if strings.HasPrefix(c, "../") || c == ".." {
			continue
		}
		if b, err := fs.ReadFile(fsys, c); err == nil {
			return c, b, true
		}
	}
	return "", nil, false
}

// jsoncToJSON turns JSON with comments and trailing commas (as tsconfig
// files are written) into JSON: comments become spaces and a comma before
// a closing bracket is dropped.
func jsoncToJSON(in []byte) []byte {
	out := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case c == '"':
			j := i + 1
			for ; j < len(in) && in[j] != '"'; j++ {
				if in[j] == '\\' {
					j++
				}
			}
			if j >= len(in) {
				j = len(in) - 1
			}
			out = append(out, in[i:j+1]...)
			i = j
		case c == '/' && i+1 < len(in) && in[i+1] == '/':
			for i < len(in) && in[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '/' && i+1 < len(in) && in[i+1] == '*':
			i += 2
			for i+1 < len(in) && (in[i] != '*' || in[i+1] != '/') {
				i++
			}
			i++
			out = append(out, ' ')
		case c == ']' || c == '}':
			// Drop a trailing comma (and the blanks after it).
			k := len(out) - 1
			for k >= 0 && (out[k] == ' ' || out[k] == '\t' || out[k] == '\n' || out[k] == '\r') {
				k--
			}
			if k >= 0 && out[k] == ',' {
				out = append(out[:k], out[k+1:]...)
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}
