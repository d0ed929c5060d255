package report

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestJUnitParsesBack(t *testing.T) {
	res := goldenCases()[1].res
	res.Findings[0].Match += "]]><evil/>\x1b"
	res.Findings[0].File += "\x00"
	var doc junitSuites
	if err := xml.Unmarshal([]byte(render(t, junitReporter{}, res, Options{})), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	if s.Tests != "3" || s.Failures != "3" || len(s.Cases) != 3 {
		t.Fatalf("suite = %+v", s)
	}
	var f finding.Finding
	if err := json.Unmarshal([]byte(s.Cases[0].Failure.Data), &f); err != nil {
		t.Fatalf("failure body is not the finding's JSON: %v", err)
	}
	if f.Match != res.Findings[0].Match {
		t.Errorf("match %q, want %q", f.Match, res.Findings[0].Match)
	}
	if !strings.Contains(s.Cases[1].Name, "at commit "+fakeCommit) || s.Cases[1].File != "deploy/aws.tf" {
		t.Errorf("git case = %+v", s.Cases[1])
	}
}

func TestJUnitEmpty(t *testing.T) {
	var doc junitSuites
	if err := xml.Unmarshal([]byte(render(t, junitReporter{}, nil, Options{})), &doc); err != nil {
		t.Fatal(err)
	}
	if s := doc.Suites[0]; s.Tests != "0" || len(s.Cases) != 0 || len(s.Properties) != 0 {
		t.Errorf("empty suite = %+v", s)
	}
}
