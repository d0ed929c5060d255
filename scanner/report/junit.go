package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// junitReporter writes JUnit XML shaped like gitleaks' junit report: one
// test suite, one failing test case per finding, the finding's JSON as the
// failure's body (as CDATA, so it stays readable). CI systems show each leak as a failed test.
type junitReporter struct{}

func (junitReporter) Name() string { return "junit" }

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Failures   string          `xml:"failures,attr"`
	Name       string          `xml:"name,attr"`
	Tests      string          `xml:"tests,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Classname string       `xml:"classname,attr"`
	File      string       `xml:"file,attr"`
	Name      string       `xml:"name,attr"`
	Time      string       `xml:"time,attr"`
	Failure   junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Data    string `xml:",cdata"` // JSON: no control characters, invalid UTF-8 replaced
}

func (junitReporter) Write(w io.Writer, res *finding.Result, opts Options) error {
	res = orEmpty(res)
	n := strconv.Itoa(len(res.Findings))
	suite := junitSuite{Failures: n, Name: "secretsweep", Tests: n,
		Time: strconv.FormatFloat(res.Stats.Duration.Seconds(), 'f', 3, 64)}
	if opts.Version != "" {
		suite.Properties = []junitProperty{{Name: "secretsweep.version", Value: opts.Version}}
	}
	if st := res.Stats; st.MinConfidence != "" {
		suite.Properties = append(suite.Properties,
			junitProperty{Name: "secretsweep.minConfidence", Value: string(st.MinConfidence)},
			junitProperty{Name: "secretsweep.belowConfidence", Value: strconv.Itoa(st.BelowConfidence)})
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		var data bytes.Buffer
		if err := encodeJSON(&data, forJSON(*f), "\t"); err != nil {
			return fmt.Errorf("finding %s: %w", f.Fingerprint, err)
		}
		msg := junitMessage(f)
		suite.Cases = append(suite.Cases, junitCase{Classname: describe(f), File: f.File, Name: msg,
			Time: "", Failure: junitFailure{Message: msg, Type: describe(f), Data: data.String()}})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "\t")
	if err := enc.Encode(junitSuites{Suites: []junitSuite{suite}}); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitMessage is gitleaks' wording, naming rule, file, line and commit.
func junitMessage(f *finding.Finding) string {
	msg := fmt.Sprintf("%s has detected a secret in file %s, line %d", f.RuleID, f.File, f.StartLine)
	if f.Commit != "" {
		msg += ", at commit " + f.Commit
	}
	if f.Confidence != "" {
		msg += " (confidence: " + string(f.Confidence) + ")"
	}
	return msg + "."
}
