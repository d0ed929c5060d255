package report

import (
	"encoding/json"
	"io"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// jsonReporter writes gitleaks' JSON report: an array of findings with
// gitleaks' field names in gitleaks' order (the order of finding.Finding's
// fields), then secretsweep's extensions, among them SecretHash, the keyed
// hash of the secret. No findings is "[]", never null.
type jsonReporter struct{}

func (jsonReporter) Name() string { return "json" }

func (jsonReporter) Write(w io.Writer, res *finding.Result, _ Options) error {
	findings := orEmpty(res).Findings
	out := make([]finding.Finding, len(findings)) // never nil: [] not null
	for i, f := range findings {
		out[i] = forJSON(f)
	}
	return encodeJSON(w, out, " ") // gitleaks' indentation
}

// forJSON returns f as written in JSON: nil Tags set to empty, as gitleaks
// writes "Tags": [], and without the plain SecretSHA256 that a finding read
// from a report written before keyed hashes may carry (it would let anyone
// holding the report test guessed values offline).
func forJSON(f finding.Finding) finding.Finding {
	if f.Tags == nil {
		f.Tags = []string{}
	}
	f.SecretSHA256 = ""
	return f
}

// encodeJSON writes v as indented JSON without HTML escaping.
func encodeJSON(w io.Writer, v any, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", indent)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
