package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// gitlabSchemaVersion is the version of GitLab's security report schemas
// (gitlab-org/security-products/security-report-schemas,
// dist/secret-detection-report-format.json) the gitlab format follows.
const gitlabSchemaVersion = "15.0.7"

// gitlabTime is the schema's timestamp form: UTC, no zone, no fraction.
const gitlabTime = "2006-01-02T15:04:05"

// noCommit is the commit GitLab's own secrets analyzer names for content
// outside git (a working-tree scan): the schema requires one.
const noCommit = "0000000"

// gitlabReporter writes GitLab's secret-detection report
// (gl-secret-detection-report.json, uploaded as artifacts:reports:
// secret_detection). Findings have no severity of their own: every leaked
// secret is Critical, as GitLab's analyzer rates them. The id of a
// vulnerability is the SHA-256 of its fingerprint, which holds no secret;
// raw_source_code_extract is the match, redacted unless the caller chose
// otherwise, like every other format.
type gitlabReporter struct{}

func (gitlabReporter) Name() string { return "gitlab" }

type glReport struct {
	Version         string            `json:"version"`
	Vulnerabilities []glVulnerability `json:"vulnerabilities"`
	Scan            glScan            `json:"scan"`
}

type glVulnerability struct {
	ID          string         `json:"id"`
	Category    string         `json:"category"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Severity    string         `json:"severity"`
	RawSource   string         `json:"raw_source_code_extract,omitempty"`
	Location    glLocation     `json:"location"`
	Identifiers []glIdentifier `json:"identifiers"`
}

type glLocation struct {
	File      string   `json:"file"`
	Commit    glCommit `json:"commit"`
	StartLine int      `json:"start_line"`
	EndLine   int      `json:"end_line"`
}

type glCommit struct {
	SHA     string `json:"sha"`
	Author  string `json:"author,omitempty"`
	Date    string `json:"date,omitempty"`
	Message string `json:"message,omitempty"`
}

type glIdentifier struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

type glTool struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	URL     string   `json:"url,omitempty"`
	Version string   `json:"version"`
	Vendor  glVendor `json:"vendor"`
}

type glVendor struct {
	Name string `json:"name"`
}

type glMessage struct {
	Level string `json:"level"`
	Value string `json:"value"`
}

type glScan struct {
	Analyzer  glTool      `json:"analyzer"`
	Scanner   glTool      `json:"scanner"`
	Type      string      `json:"type"`
	Status    string      `json:"status"`
	StartTime string      `json:"start_time"`
	EndTime   string      `json:"end_time"`
	Messages  []glMessage `json:"messages,omitempty"`
}

func (gitlabReporter) Write(w io.Writer, res *finding.Result, opts Options) error {
	res = orEmpty(res)
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	tool := glTool{ID: "secretsweep", Name: "secretsweep", URL: "https://github.com/secretsweep/secretsweep",
		Version: version, Vendor: glVendor{Name: "secretsweep"}}
	end := opts.Finished
	if end.IsZero() {
		end = time.Now()
	}
	end = end.UTC()
	rep := glReport{
		Version:         gitlabSchemaVersion,
		Vulnerabilities: make([]glVulnerability, 0, len(res.Findings)), // [] not null
		Scan: glScan{Analyzer: tool, Scanner: tool, Type: "secret_detection", Status: "success",
			StartTime: end.Add(-res.Stats.Duration).Format(gitlabTime), EndTime: end.Format(gitlabTime)},
	}
	if res.Stats.Incomplete() {
		rep.Scan.Status = "failure"
	}
	for _, e := range res.Stats.Errors {
		rep.Scan.Messages = append(rep.Scan.Messages, glMessage{Level: "fatal", Value: e})
	}
	for _, m := range res.Stats.Warnings {
		rep.Scan.Messages = append(rep.Scan.Messages, glMessage{Level: "warn", Value: m})
	}
	for i := range res.Findings {
		rep.Vulnerabilities = append(rep.Vulnerabilities, gitlabVulnerability(&res.Findings[i]))
	}
	return encodeJSON(w, rep, "  ")
}

func gitlabVulnerability(f *finding.Finding) glVulnerability {
	sum := sha256.Sum256([]byte(f.Fingerprint))
	name := f.Description
	if name == "" {
		name = f.RuleID
	}
	file := f.File
	if f.Repository != "" {
		file = f.Repository + "/" + f.File
	}
	commit := glCommit{SHA: f.Commit, Author: f.Author, Date: f.Date, Message: f.Message}
	if commit.SHA == "" {
		commit = glCommit{SHA: noCommit}
	}
	desc := "secretsweep rule " + f.RuleID + " matched in " + fileLine(f)
	if f.Commit != "" {
		desc += " in commit " + shortSHA(f.Commit)
	}
	if f.Verification != nil {
		desc += "; live check: " + f.Verification.Status
	}
	return glVulnerability{
		ID:          hex.EncodeToString(sum[:]),
		Category:    "secret_detection",
		Name:        name,
		Description: desc,
		Severity:    "Critical",
		RawSource:   f.Match,
		Location:    glLocation{File: file, Commit: commit, StartLine: f.StartLine, EndLine: f.EndLine},
		Identifiers: []glIdentifier{{Type: "gitleaks_rule_id", Name: "Gitleaks rule ID " + f.RuleID, Value: f.RuleID}},
	}
}
