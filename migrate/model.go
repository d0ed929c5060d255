package migrate

import (
	"encoding/json"
	"os"
	"sort"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// Item is one finding on its way into Secrets Manager.
type Item struct {
	Finding  finding.Finding // unredacted; Secret never leaves memory
	File     string          // slash-separated, relative to the repository root
	Variable string          // the name the value was assigned to, if known
	Part     string          // what the value is inside a larger one ("password" of a URL), if so
	// Sibling is the Kubernetes env entry name Variable was made from.
	Sibling string
	// NameReason says why the secret (and key) got its name, for the plan.
	NameReason string
	Hash       string  // keyed hash of the value (finding.Hasher.Sum)
	Secret     *Secret // where it goes
	Key        string  // JSON key inside Secret when grouped
	// Manual is why the code cannot be rewritten automatically ("" when it can).
	Manual string
	// Stopped is why this finding was not migrated in this run ("" when it was).
	Stopped string
	// NoLiteral is set when the file holds no literal of the value to
	// replace (likely a false finding).
	NoLiteral bool
	// NotStored is why the value is not stored ("" when it is): nothing
	// will read it and the user did not ask for it (--store-manual).
	NotStored string
	// Value is what the file's consumer reads for the literal (a .env
	// value with its shell escapes decoded): the value stored. "" means
	// Finding.Secret.
	Value string
}

// Secret is one Secrets Manager secret to create or reuse.
type Secret struct {
	Name  string
	Plain string            // the value of a plain secret
	Keys  map[string]string // key -> value of a grouped (JSON) secret
	Items []*Item
	// Set by --apply.
	Action   StoreAction
	ARN      string
	Verified bool
	Err      error
}

// Grouped reports whether the secret is a JSON object of several values.
func (s *Secret) Grouped() bool { return s.Keys != nil }

// Value is the SecretString to store.
func (s *Secret) Value() string {
	if !s.Grouped() {
		return s.Plain
	}
	b, _ := json.Marshal(s.Keys) // map keys are sorted: canonical
	return string(b)
}

// values returns every raw value the secret holds (for redaction).
func (s *Secret) values() []string {
	if !s.Grouped() {
		return []string{s.Plain}
	}
	var out []string
	for _, v := range s.Keys {
		out = append(out, v)
	}
	return out
}

// FilePlan is the code change planned for one file.
type FilePlan struct {
	Path     string // slash-separated, relative to the repository root
	Abs      string
	Mode     os.FileMode
	Rewriter string // "" when no rewriter handles the file
	Items    []*Item
	Before   []byte
	Change   *rewrite.Change // nil when nothing can be rewritten
	// Problem is why the whole file is left alone ("" when it is not).
	Problem string
	// K8sSync is PlanOptions.K8sSync, for the rewriter.
	K8sSync string
}

// Plan is everything a migration will do.
type Plan struct {
	Root    string // repository (or directory) root
	Repo    string // repository name
	Origin  string // remote URL without credentials, "" if none
	Prefix  string
	Items   []*Item
	Secrets []*Secret
	Files   []*FilePlan
	// Done lists secrets a previous run stored and verified whose findings
	// are gone from the tree (their files were rewritten).
	Done []JournalEntry
	// withheld are values the scan found but does not report
	// (.gitleaksignore, baseline); diffs must not show them either.
	withheld []string
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
