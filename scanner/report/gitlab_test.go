package report

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// gitlabSchema compiles the subset of GitLab's secret-detection report
// schema kept in testdata (see its $comment).
func gitlabSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/gitlab-secret-detection-subset.schema.json")
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
	const url = "https://example.invalid/secret-detection-report-format.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestGitLabSchema(t *testing.T) {
	sch := gitlabSchema(t)
	for _, c := range goldenCases() {
		for _, opts := range []Options{testOpts(), {}} { // a zero Options too: no version, no time
			out := render(t, gitlabReporter{}, c.res, opts)
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s: not a valid GitLab secret-detection report: %v", c.name, err)
			}
		}
	}
	// The schema does reject broken reports.
	out := render(t, gitlabReporter{}, goldenCases()[0].res, testOpts())
	for _, bad := range []string{
		strings.Replace(out, `"sha": "0000000"`, `"sha": ""`, 1),
		strings.Replace(out, `"end_time": "2026-12-06T10:30:00"`, `"end_time": "2026-12-06T10:30:00Z"`, 1),
		strings.Replace(out, `"severity": "Critical"`, `"severity": "critical"`, 1),
	} {
		if bad == out {
			t.Fatal("replacement did not apply")
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepted a broken report")
		}
	}
}

func TestGitLabFields(t *testing.T) {
	res := goldenCases()[0].res // redacted
	res.Stats.Duration = 90 * time.Second
	var rep glReport
	if err := json.Unmarshal([]byte(render(t, gitlabReporter{}, res, testOpts())), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Scan.StartTime != "2026-12-06T10:28:30" || rep.Scan.EndTime != "2026-12-06T10:30:00" {
		t.Errorf("scan times %s..%s, want the end minus the scan's duration", rep.Scan.StartTime, rep.Scan.EndTime)
	}
	if len(rep.Vulnerabilities) != len(res.Findings) {
		t.Fatalf("%d vulnerabilities for %d findings", len(rep.Vulnerabilities), len(res.Findings))
	}
	ids := map[string]bool{}
	for i, v := range rep.Vulnerabilities {
		f := res.Findings[i]
		if ids[v.ID] {
			t.Errorf("duplicate id %s", v.ID)
		}
		ids[v.ID] = true
		if v.Location.File != f.File || v.Location.StartLine != f.StartLine || v.Identifiers[0].Value != f.RuleID {
			t.Errorf("vulnerability %d: %+v does not locate %s:%d (%s)", i, v.Location, f.File, f.StartLine, f.RuleID)
		}
	}
	if got := rep.Vulnerabilities[1].Location.Commit.SHA; got != res.Findings[1].Commit {
		t.Errorf("commit %q, want %q", got, res.Findings[1].Commit)
	}
	// An audit report covers several repositories: the file names its own.
	multi := &finding.Result{Findings: []finding.Finding{res.Findings[1]}}
	multi.Findings[0].Repository = "acme/api"
	if err := json.Unmarshal([]byte(render(t, gitlabReporter{}, multi, testOpts())), &rep); err != nil {
		t.Fatal(err)
	}
	if got := rep.Vulnerabilities[0].Location.File; got != "acme/api/deploy/aws.tf" {
		t.Errorf("file %q, want the repository's path", got)
	}
	// An incomplete scan fails, and says what it could not read.
	inc := goldenCases()[3].res
	if err := json.Unmarshal([]byte(render(t, gitlabReporter{}, inc, testOpts())), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Scan.Status != "failure" || len(rep.Scan.Messages) == 0 || rep.Scan.Messages[0].Level != "fatal" {
		t.Errorf("incomplete scan: status %q, messages %+v", rep.Scan.Status, rep.Scan.Messages)
	}
}
