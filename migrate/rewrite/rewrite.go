// Package rewrite turns hardcoded secret literals into run-time lookups from
// AWS Secrets Manager. Each language or file kind has one Rewriter, in its
// own file, listed in Registry. Rewriters are syntax-aware: they parse,
// edit the tree, print, and parse the result again; a result that does not
// parse is an error, never a written file.
//
// Changes to the interface first sketched here (all additive):
//   - Target.SecretID may be GitHubSecretsPrefix + NAME ("github-secrets:
//     NPM_TOKEN") for the GitHub Actions rewriter: the literal then becomes
//     ${{ secrets.NAME }} instead of a Secrets Manager read (an empty NAME
//     is derived from Target.Variable). Other rewriters treat it as a plain
//     secret name, so callers should only pass it for workflow files.
//   - Change.Files holds helper files keyed by a name relative to the
//     rewritten file's directory; their content depends only on that
//     directory's package (Go package name, Java package), so writing the
//     same helper twice is harmless. Helpers: secretsweep_secrets.go,
//     secretsweep_secrets.py, secretsweep_secrets.mjs / .cjs / .ts and
//     SecretsweepSecrets.java. Helper files are never matched by For.
//   - Errors never quote source text (it may hold the secret); they name
//     the path and a line.
//   - Change.Manual also lists targets that were rewritten but whose value
//     still appears elsewhere in the same file.
//
// Rewriters need nothing at run time beyond this binary (tree-sitter is
// linked in through cgo); the rewritten code needs the AWS SDK of its
// language, which Change.Notes names.
package rewrite

import "io/fs"

// Target is one literal to replace in a file.
type Target struct {
	// Line is the 1-based line where the secret was found.
	Line int
	// Secret is the raw value (never logged or put in an error).
	Secret string
	// Fingerprint identifies the finding in errors and notes.
	Fingerprint string
	// SecretID is the Secrets Manager name (or ARN) to read at run time.
	SecretID string
	// Key is the JSON key inside the secret when several values share one
	// secret (--group-by file); empty for a plain string secret.
	Key string
	// Variable is the name the value was assigned to, when known (for names
	// such as the GitHub secret or the environment variable).
	Variable string
	// K8sSync is how Kubernetes manifests get the Secret their rewritten
	// env entries read: K8sSyncExternalSecrets ("" too) or K8sSyncCSI.
	K8sSync string
}

// ManualStep is a target that could not be rewritten safely.
type ManualStep struct {
	Target Target
	Reason string
	// NotFound is set when no literal holding the value was found: the
	// finding is likely false (a format string, a name), and nothing will
	// read a stored copy.
	NotFound bool
}

// Change is the outcome of rewriting one file.
type Change struct {
	// Content is the new file content; equal to the input when nothing changed.
	Content []byte
	// Files are helper files to create or update, keyed by path relative to
	// the rewritten file's directory (e.g. "secretsweep_secrets.py").
	Files map[string][]byte
	// Notes tell the user what else is needed (a dependency, a loader ...).
	Notes []string
	// Manual lists the targets left untouched, with the reason.
	Manual []ManualStep
}

// Rewriter rewrites one kind of file.
type Rewriter interface {
	// Name is a short identifier ("go", "python", "javascript" ...).
	Name() string
	// Match reports whether the rewriter handles the file at path.
	Match(path string) bool
	// Rewrite replaces the targets in src. Targets it cannot handle safely
	// are returned as Manual steps; an error means the file is left alone.
	Rewrite(path string, src []byte, targets []Target) (*Change, error)
}

// Registry is the explicit list of rewriters, most specific first.
func Registry() []Rewriter { return registry(nil) }

// registry lists the rewriters, those that read the project around a file
// reading it from fsys (nil: none).
func registry(fsys fs.FS) []Rewriter {
	return []Rewriter{
		twinSafe{workflowRewriter{}},
		twinSafe{goRewriter{}},
		twinSafe{pythonRewriter{}},
		twinSafe{javascriptRewriter{project: fsys}},
		twinSafe{typescriptRewriter{project: fsys}},
		twinSafe{javaRewriter{}},
		twinSafe{dotenvRewriter{}},
		twinSafe{propertiesRewriter{}},
		twinSafe{yamlConfigRewriter{}},
	}
}

// For returns the rewriter for path, or nil. It does not read the project
// around the file: ForProject does.
func For(path string) Rewriter { return ForProject(nil, path) }
