package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// sarifReporter writes SARIF 2.1.0 for GitHub code scanning.
//
// The object model comes from github.com/owenrumney/go-sarif/v2 rather than
// hand-written structs: it follows the 2.1.0 schema field for field, is used
// by trivy and tfsec for the same upload, has no dependencies, and its
// omitempty tags keep the log small (v3 of the library writes every optional
// array as [], which bloats large uploads). The test validates our output
// against the official OASIS schema.
type sarifReporter struct{}

// sarifFingerprintKey names our partial fingerprint; bump the version if the
// recipe in sarifFingerprint changes.
const sarifFingerprintKey = "secretsweep/v2"

const informationURI = "https://github.com/secretsweep/secretsweep"

func (sarifReporter) Name() string { return "sarif" }

func (sarifReporter) Write(w io.Writer, res *finding.Result, opts Options) error {
	res = orEmpty(res)
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	run := sarif.NewRunWithInformationURI("secretsweep", informationURI)
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	run.Tool.Driver.WithVersion(version)
	index := addSarifRules(run, res.Findings)
	for i := range res.Findings {
		f := &res.Findings[i]
		run.AddResult(sarifResult(f, index[f.RuleID]))
	}
	if st := res.Stats; st.MinConfidence != "" {
		run.Properties = sarif.Properties{"minConfidence": string(st.MinConfidence), "belowConfidence": st.BelowConfidence}
	}
	log.AddRun(run)
	if err := log.PrettyWrite(w); err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n")
	return err
}

// addSarifRules describes every rule that has a finding, sorted by id, and
// returns each rule's index.
func addSarifRules(run *sarif.Run, findings []finding.Finding) map[string]uint {
	desc := map[string]string{}
	for _, f := range findings {
		if _, ok := desc[f.RuleID]; !ok || desc[f.RuleID] == "" {
			desc[f.RuleID] = f.Description
		}
	}
	ids := make([]string, 0, len(desc))
	for id := range desc {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	index := make(map[string]uint, len(ids))
	for i, id := range ids {
		index[id] = uint(i)
		short := desc[id]
		if short == "" {
			short = "Hardcoded secret matched by rule " + id
		}
		text, markdown := sarifHelp(id)
		run.AddRule(id).
			WithName(ruleName(id)).
			WithDescription(short).
			WithFullDescription(sarif.NewMultiformatMessageString(fmt.Sprintf(
				"%s. A credential that matches the %s rule is hardcoded in the repository: anyone who can read the code or its history can use it.", strings.TrimSuffix(short, "."), id))).
			WithTextHelp(text).
			WithMarkdownHelp(markdown).
			WithDefaultConfiguration(&sarif.ReportingConfiguration{Level: "error"}).
			WithProperties(sarif.Properties{
				"tags":              []string{"security", "secret", "external/cwe/cwe-798"},
				"precision":         "high",
				"security-severity": "9.0",
			})
	}
	return index
}

// sarifResult is one finding; its message and properties never hold the
// secret or the matched text.
func sarifResult(f *finding.Finding, ruleIndex uint) *sarif.Result {
	msg := fmt.Sprintf("Possible secret (rule %s) hardcoded in %s at line %d", f.RuleID, f.File, f.StartLine)
	if f.Commit != "" {
		msg += fmt.Sprintf(", added in commit %s", shortSHA(f.Commit))
	}
	msg += ". Move it to AWS Secrets Manager (secretsweep migrate) and rotate it (secretsweep remediate)."
	r := sarif.NewRuleResult(f.RuleID).
		WithRuleIndex(int(ruleIndex)).
		WithLevel(sarifLevel(f.Confidence)).
		WithMessage(sarif.NewTextMessage(msg)).
		WithPartialFingerPrints(map[string]interface{}{sarifFingerprintKey: sarifFingerprint(f)})
	r.AddLocation(sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewSimpleArtifactLocation(fileURI(f.File)).WithUriBaseId("%SRCROOT%")).
		WithRegion(sarifRegion(f))))
	props := sarif.Properties{}
	for k, v := range map[string]string{
		"commit": f.Commit, "author": f.Author, "email": f.Email, "date": f.Date,
		"fingerprint": f.Fingerprint, "source": f.Source, "symlinkFile": f.SymlinkFile,
		"repository": f.Repository, "audit": f.Extra[AuditMarkKey],
	} {
		if v != "" {
			props[k] = v
		}
	}
	if f.Verification != nil {
		props["verification"] = f.Verification.Status
	}
	if len(f.Tags) > 0 {
		props["tags"] = f.Tags
	}
	if f.Confidence != "" {
		props["confidence"] = string(f.Confidence)
		r.WithRank(float32(f.ConfidenceScore))
	}
	r.Properties = props
	return r
}

// sarifLevel maps a confidence to a SARIF level: high is an error, medium a
// warning, low a note; a finding never scored (an old report) an error.
func sarifLevel(c finding.Confidence) string {
	switch c {
	case finding.ConfidenceMedium:
		return "warning"
	case finding.ConfidenceLow:
		return "note"
	}
	return "error"
}

// describe is the finding's description, or its rule id when it has none.
func describe(f *finding.Finding) string {
	if f.Description != "" {
		return f.Description
	}
	return f.RuleID
}

// ruleName turns a rule id such as "aws-access-token" into "AwsAccessToken".
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		r, n := utf8.DecodeRuneInString(part)
		b.WriteString(string(unicode.ToUpper(r)) + part[n:])
	}
	return b.String()
}
