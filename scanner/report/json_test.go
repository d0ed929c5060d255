package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestJSONRoundTrip(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			out := render(t, jsonReporter{}, c.res, Options{})
			got, err := finding.ReadJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.res.Findings) {
				t.Fatalf("read %d findings, wrote %d", len(got), len(c.res.Findings))
			}
			for i := range got {
				want := forJSON(c.res.Findings[i])
				want.Line = "" // never serialised
				if got[i].Redacted() != want.Redacted() {
					t.Errorf("finding %d: Redacted() = %v, want %v", i, got[i].Redacted(), want.Redacted())
				}
				if !reflect.DeepEqual(got[i], want) {
					t.Errorf("finding %d differs after round trip:\n got %+v\nwant %+v", i, got[i], want)
				}
			}
		})
	}
}

// TestJSONFieldOrder checks gitleaks' field order, then the extensions
// (SecretHash, Confidence and its score first).
func TestJSONFieldOrder(t *testing.T) {
	out := render(t, jsonReporter{}, goldenCases()[0].res, Options{})
	var objs []json.RawMessage
	if err := json.Unmarshal([]byte(out), &objs); err != nil {
		t.Fatal(err)
	}
	gitleaks := "RuleID Description StartLine EndLine StartColumn EndColumn Match Secret File " +
		"SymlinkFile Commit Link Entropy Author Email Date Message Tags Fingerprint SecretHash Confidence ConfidenceScore"
	if got := strings.Join(objectKeys(t, objs[1]), " "); got != gitleaks {
		t.Errorf("keys:\n got %s\nwant %s", got, gitleaks)
	}
	withExt := strings.Replace(gitleaks, " Link", "", 1) + " Source Extra Verification"
	if got := strings.Join(objectKeys(t, objs[2]), " "); got != withExt {
		t.Errorf("keys:\n got %s\nwant %s", got, withExt)
	}
	if !strings.HasPrefix(out, "[\n {\n  \"RuleID\"") {
		t.Errorf("not indented like gitleaks: %q", out[:20])
	}
}

// objectKeys lists a JSON object's keys in document order.
func objectKeys(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestJSONEmpty(t *testing.T) {
	for _, res := range []*finding.Result{nil, {}, {Findings: []finding.Finding{}}} {
		if out := render(t, jsonReporter{}, res, Options{}); out != "[]\n" {
			t.Errorf("empty result = %q, want []", out)
		}
	}
}

// TestReadJSONKinds reads a gitleaks report (raw secret, no hash), a report
// written before keyed hashes (SecretSHA256) and one of ours (SecretHash):
// hashes are kept as read and never computed in the clear; redacted secrets
// come back marked redacted, and each still matches its secret.
func TestReadJSONKinds(t *testing.T) {
	plain := finding.PlainSHA256(fakeAWS)
	in := `[{"RuleID":"aws-access-token","File":"a.tf","Secret":"` + fakeAWS + `","StartLine":2,"Tags":[],"Entropy":3.5},
	{"RuleID":"aws-access-token","File":"b.tf","Secret":"REDACTED","Match":"key=REDACTED","SecretSHA256":"` + plain + `"},
	{"RuleID":"aws-access-token","File":"c.tf","Secret":"REDACTED","SecretHash":"` + fixtureHasher.Sum(fakeAWS) + `"}]`
	got, err := finding.ReadJSON(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		redacted     bool
		hash, sha256 string
	}{{false, "", ""}, {true, "", plain}, {true, fixtureHasher.Sum(fakeAWS), ""}} {
		f := got[i]
		if f.Redacted() != want.redacted || f.SecretHash != want.hash || f.SecretSHA256 != want.sha256 {
			t.Errorf("finding %d: redacted %v SecretHash %q SecretSHA256 %q", i, f.Redacted(), f.SecretHash, f.SecretSHA256)
		}
		if !fixtureHasher.Matches(&f, fakeAWS) || fixtureHasher.Matches(&f, fakeGitHub) {
			t.Errorf("finding %d does not match its secret (or matches another)", i)
		}
	}
	if err := fixtureHasher.CheckFindings(got); err != nil {
		t.Errorf("CheckFindings: %v", err)
	}
}

// TestJSONDropsPlainHash: a finding read from a report written before keyed
// hashes is written back without its plain SecretSHA256.
func TestJSONDropsPlainHash(t *testing.T) {
	f := fixtureFindings()[1]
	f.SecretSHA256 = finding.PlainSHA256(fakeAWS)
	f.Redact()
	for _, r := range []Reporter{jsonReporter{}, junitReporter{}} {
		out := render(t, r, &finding.Result{Findings: []finding.Finding{f}}, Options{})
		if strings.Contains(out, "SecretSHA256") || !strings.Contains(out, f.SecretHash) {
			t.Errorf("%s: %s", r.Name(), out)
		}
	}
}

func TestReadJSONErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", "input is empty"},
		{"blank", " \n\t", "input is empty"},
		{"object", `{"runs": []}`, "want a JSON array of findings, got a JSON object"},
		{"sarif", "{\n \"version\": \"2.1.0\"}", "line 1, column 1: want a JSON array"},
		{"number element", `[1]`, "want each finding to be a JSON object, got a JSON number"},
		{"bad field type", "[\n {\"RuleID\": \"x\", \"StartLine\": \"" + fakeAWS + "\"}]", "line 2"},
		{"truncated", `[{"RuleID": "x"`, "input ends early"},
		{"syntax", "[\n  {\"RuleID\": x}]", "invalid JSON at line 2, column 14"},
		{"trailing", `[] []`, "unexpected data after the array at line 1"},
		{"no rule", `[{"File": "a"}]`, "finding 1 has no RuleID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := finding.ReadJSON(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("finding.ReadJSON(%q) error = %v, want %q", tc.in, err, tc.want)
			}
			if strings.Contains(err.Error(), fakeAWS) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error quotes input or spans lines: %v", err)
			}
		})
	}
}

func TestReadJSONNull(t *testing.T) {
	got, err := finding.ReadJSON(bytes.NewReader([]byte("null")))
	if err != nil || got == nil || len(got) != 0 {
		t.Errorf("null = %v, %v; want empty", got, err)
	}
}
