package report

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles testdata/sarif-schema-2.1.0.json, the official OASIS
// SARIF 2.1.0 schema (errata01), as shipped in the go-sarif v3 module.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFSchema(t *testing.T) {
	sch := sarifSchema(t)
	for _, c := range goldenCases() {
		out := render(t, sarifReporter{}, c.res, testOpts())
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: not valid SARIF 2.1.0: %v", c.name, err)
		}
	}
	// The schema does reject broken logs: a zero column, a bad URI.
	out := render(t, sarifReporter{}, goldenCases()[0].res, testOpts())
	for _, bad := range []string{
		strings.Replace(out, `"startColumn": 9`, `"startColumn": 0`, 1),
		strings.Replace(out, `"uri": "deploy/aws.tf"`, `"uri": "deploy/a b\\c.tf"`, 1),
		strings.Replace(out, `"version": "2.1.0"`, `"version": "2.0"`, 1),
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if bad == out || sch.Validate(inst) == nil {
			t.Errorf("schema accepted a broken log")
		}
	}
}

// sarifLog is the part of a SARIF log that GitHub code scanning requires.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name, Version, InformationURI string
				Rules                         []struct {
					ID               string
					ShortDescription struct{ Text string }
					Help             struct{ Text, Markdown string }
				}
			}
		}
		Results []struct {
			RuleID    string
			RuleIndex *int
			Level     string
			Rank      *float64
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string
						URIBaseID string `json:"uriBaseId"`
					}
					Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
				}
			}
			PartialFingerprints map[string]string
			Properties          map[string]any
		}
		Properties map[string]any
	}
}

func decodeSARIF(t *testing.T, res *finding.Result) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(render(t, sarifReporter{}, res, testOpts())), &log); err != nil {
		t.Fatal(err)
	}
	return log
}

func TestSARIFGitHubFields(t *testing.T) {
	res := goldenCases()[1].res // unredacted: SARIF must still hold no secret
	log := decodeSARIF(t, res)
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "secretsweep" || d.Version != "1.2.3-test" || d.InformationURI == "" || len(d.Rules) != 3 {
		t.Errorf("driver = %+v", d)
	}
	for _, r := range d.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || !strings.Contains(r.Help.Markdown, "secretsweep migrate") || !strings.Contains(r.Help.Text, "secretsweep remediate") {
			t.Errorf("rule %+v lacks id, description or help", r)
		}
	}
	if len(run.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	for i, r := range run.Results {
		f := res.Findings[i]
		if r.RuleID != f.RuleID || r.RuleIndex == nil || d.Rules[*r.RuleIndex].ID != f.RuleID || r.Message.Text == "" {
			t.Errorf("result %d = %+v", i, r)
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine < 1 || loc.Region.StartColumn < 1 || loc.Region.EndColumn < 1 {
			t.Errorf("result %d location = %+v", i, loc)
		}
		if fp := r.PartialFingerprints[sarifFingerprintKey]; len(fp) != 64 {
			t.Errorf("result %d partial fingerprint %q", i, fp)
		}
	}
	if p := run.Results[1].Properties; p["commit"] != fakeCommit || p["author"] != "Jane Döe" {
		t.Errorf("git result properties = %v", p)
	}
	if uri := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; uri != "config/prod%20settings/cl%C3%A9%20%C3%A9t%C3%A9.env" {
		t.Errorf("uri = %s", uri)
	}
}

// TestSARIFFingerprintStable: moving the secret to another line or commit
// keeps the fingerprint; another file, rule or secret changes it.
func TestSARIFFingerprintStable(t *testing.T) {
	base := fixtureFindings()[1]
	fp := sarifFingerprint(&base)
	moved := base
	moved.StartLine, moved.EndLine, moved.StartColumn, moved.Commit = 70, 70, 3, "fedcba"
	redacted := base
	redacted.Redact()
	if sarifFingerprint(&moved) != fp || sarifFingerprint(&redacted) != fp {
		t.Error("fingerprint changes with line, commit or redaction")
	}
	for _, change := range []func(f *finding.Finding){
		func(f *finding.Finding) { f.File = "other.tf" },
		func(f *finding.Finding) { f.RuleID = "other-rule" },
		func(f *finding.Finding) { f.SecretHash = fixtureHasher.Sum("other") },
	} {
		f := base
		change(&f)
		if sarifFingerprint(&f) == fp {
			t.Errorf("fingerprint unchanged for %+v", f)
		}
	}
	if _, digest, _ := finding.ParseHash(base.SecretHash); strings.Contains(fp, digest) || strings.Contains(fp, finding.PlainSHA256(base.Secret)) {
		t.Error("fingerprint exposes the secret hash")
	}
	// Without a keyed hash it depends on neither the secret nor the match
	// that holds it.
	unhashed := base
	unhashed.SecretHash = ""
	other := unhashed
	other.Secret, other.Match = "AKIAFAKEOTHER0000000", "AKIAFAKEOTHER0000000"
	if got := sarifFingerprint(&unhashed); got == fp || got != sarifFingerprint(&other) {
		t.Errorf("fingerprint without a keyed hash depends on the secret: %s vs %s", got, sarifFingerprint(&other))
	}
}

func TestFileURI(t *testing.T) {
	for in, want := range map[string]string{
		"a/b.go":             "a/b.go",
		"./a/b c.go":         "a/b%20c.go",
		`dir\win.txt`:        "dir/win.txt",
		"/abs/x":             "abs/x",
		"naïve/日本.txt":       "na%C3%AFve/%E6%97%A5%E6%9C%AC.txt",
		"c:x/y#z?.txt":       "c%3Ax/y%23z%3F.txt",
		"100%/a+b&c=d;e,f@g": "100%25/a+b&c=d%3Be%2Cf@g",
	} {
		if got := fileURI(in); got != want {
			t.Errorf("fileURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIFRegion(t *testing.T) {
	for _, tc := range []struct {
		sl, el, sc, ec     int
		wsl, wel, wsc, wec int
	}{
		{3, 3, 5, 10, 3, 3, 5, 11},   // inclusive end becomes exclusive
		{0, 0, 0, 0, 1, 1, 1, 2},     // missing positions clamp to 1
		{4, 2, 7, 3, 4, 4, 7, 8},     // end before start is fixed
		{3, 5, 9, 2, 3, 5, 9, 3},     // multi-line keeps its end column
		{2, 2, 10, -4, 2, 2, 10, 11}, // negative end column
	} {
		f := finding.Finding{StartLine: tc.sl, EndLine: tc.el, StartColumn: tc.sc, EndColumn: tc.ec}
		r := sarifRegion(&f)
		if *r.StartLine != tc.wsl || *r.EndLine != tc.wel || *r.StartColumn != tc.wsc || *r.EndColumn != tc.wec {
			t.Errorf("region(%d,%d,%d,%d) = %d,%d,%d,%d", tc.sl, tc.el, tc.sc, tc.ec, *r.StartLine, *r.EndLine, *r.StartColumn, *r.EndColumn)
		}
	}
}

func TestRuleName(t *testing.T) {
	for in, want := range map[string]string{"aws-access-token": "AwsAccessToken", "github_pat": "GithubPat", "x": "X", "--": ""} {
		if got := ruleName(in); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFCommitMessageFinding: a finding in a commit message has the
// location GitHub code scanning requires (a non-empty relative URI) and
// the log stays valid SARIF.
func TestSARIFCommitMessageFinding(t *testing.T) {
	res := &finding.Result{Findings: []finding.Finding{{
		RuleID: "github-pat", File: finding.CommitMessageFile, Source: finding.SourceCommitMessage,
		StartLine: 3, EndLine: 3, StartColumn: 5, EndColumn: 44, Commit: fakeCommit, Match: "REDACTED", Secret: "REDACTED",
		Fingerprint: fakeCommit + ":" + finding.CommitMessageFile + ":github-pat:3",
	}}}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(render(t, sarifReporter{}, res, testOpts())))
	if err != nil {
		t.Fatal(err)
	}
	if err := sarifSchema(t).Validate(inst); err != nil {
		t.Errorf("not valid SARIF 2.1.0: %v", err)
	}
	r := decodeSARIF(t, res).Runs[0].Results[0]
	if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "%28commit%20message%29" ||
		r.Properties["source"] != finding.SourceCommitMessage {
		t.Errorf("result = %+v", r)
	}
}

// The level follows the confidence (high an error, medium a warning, low a
// note, unscored an error), the rank is the confidence score, and the run
// says what the threshold hid.
func TestSARIFConfidence(t *testing.T) {
	res := &finding.Result{Stats: finding.Stats{MinConfidence: finding.ConfidenceMedium, BelowConfidence: 4}}
	for i, c := range []struct {
		conf  finding.Confidence
		score int
	}{{finding.ConfidenceHigh, 90}, {finding.ConfidenceMedium, 55}, {finding.ConfidenceLow, 20}, {"", 0}} {
		res.Findings = append(res.Findings, finding.Finding{RuleID: "r", File: "a.env", StartLine: i + 1, Confidence: c.conf, ConfidenceScore: c.score})
	}
	run := decodeSARIF(t, res).Runs[0]
	for i, want := range []struct {
		level string
		rank  float64
	}{{"error", 90}, {"warning", 55}, {"note", 20}, {"error", -1}} {
		r := run.Results[i]
		if r.Level != want.level || (want.rank < 0) != (r.Rank == nil) || (r.Rank != nil && *r.Rank != want.rank) {
			t.Errorf("result %d (%s): level %q rank %v, want %q %v", i, res.Findings[i].Confidence, r.Level, r.Rank, want.level, want.rank)
		}
	}
	if p := run.Properties; p["minConfidence"] != "medium" || p["belowConfidence"] != float64(4) {
		t.Errorf("run properties = %v", p)
	}
}
