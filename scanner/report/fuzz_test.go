package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// FuzzReadJSON: arbitrary input gives findings or an error, never a panic,
// and whatever parses survives a write and a second read.
func FuzzReadJSON(f *testing.F) {
	var seed bytes.Buffer
	if err := (jsonReporter{}).Write(&seed, goldenCases()[1].res, Options{}); err != nil {
		f.Fatal(err)
	}
	f.Add(seed.String())
	f.Add(`[{"RuleID":"x","Secret":"REDACTED"}]`)
	f.Add(`{"runs":[]}`)
	f.Fuzz(func(t *testing.T, in string) {
		fs, err := finding.ReadJSON(strings.NewReader(in))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error: %q", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := (jsonReporter{}).Write(&buf, &finding.Result{Findings: fs}, Options{}); err != nil {
			t.Fatal(err)
		}
		again, err := finding.ReadJSON(&buf)
		if err != nil || len(again) != len(fs) {
			t.Fatalf("re-read: %d findings, %v", len(again), err)
		}
	})
}

// FuzzReporters feeds arbitrary text through every field people can
// control (path, match, author, message) and checks each format stays well
// formed.
func FuzzReporters(f *testing.F) {
	f.Add("a b/é.env", "x|<y>\"`z\n]]>", "Jane", "msg\x1b[2J", "r-1")
	f.Add("\x00\xff", "\u202e", "<script>", "@team #1", "")
	f.Fuzz(func(t *testing.T, file, match, author, msg, rule string) {
		res := &finding.Result{Findings: []finding.Finding{{
			RuleID: rule, File: file, Match: match, Secret: "s", Author: author, Message: msg,
			Commit: "abc", StartLine: 1, EndLine: 1, StartColumn: 1, EndColumn: 2,
		}}}
		out := map[string]string{}
		for _, r := range Reporters() {
			var buf bytes.Buffer
			if err := r.Write(&buf, res, Options{}); err != nil {
				t.Fatalf("%s: %v", r.Name(), err)
			}
			out[r.Name()] = buf.String()
		}
		if strings.ContainsAny(out["text"], "\x1b\r") {
			t.Errorf("text passes control characters: %q", out["text"])
		}
		for _, line := range strings.Split(out["markdown"], "\n") {
			if strings.HasPrefix(line, "|") && strings.Count(line, "|") != 6 {
				t.Errorf("markdown row broken: %q", line)
			}
		}
		var v any
		if err := json.Unmarshal([]byte(out["sarif"]), &v); err != nil {
			t.Errorf("sarif: %v", err)
		}
		var doc junitSuites
		if err := xml.Unmarshal([]byte(out["junit"]), &doc); err != nil {
			t.Errorf("junit: %v", err)
		}
	})
}
