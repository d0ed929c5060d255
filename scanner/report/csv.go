package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// csvReporter writes gitleaks' CSV columns plus SecretHash and Confidence; Link is added
// when any finding has one, and Repository (with the audit's new/known mark
// as Audit) when any finding names its repository (audit org). The header
// is written even when there are no findings.
type csvReporter struct{}

func (csvReporter) Name() string { return "csv" }

// AuditMarkKey is the Finding.Extra key of an audit's new/known mark
// (scanner/audit), shown in CSV and SARIF.
const AuditMarkKey = "audit"

// csvHeader is gitleaks' columns plus SecretHash and Confidence, and Link, Repository
// and Audit when asked.
func csvHeader(withLink, withRepo bool) []string {
	h := []string{"RuleID", "Commit", "File", "SymlinkFile", "Secret", "Match",
		"StartLine", "EndLine", "StartColumn", "EndColumn", "Author", "Message", "Date",
		"Email", "Fingerprint", "Tags", "SecretHash", "Confidence"}
	if withLink {
		h = append(h, "Link")
	}
	if withRepo {
		h = append(h, "Repository", "Audit")
	}
	return h
}

func (csvReporter) Write(w io.Writer, res *finding.Result, _ Options) error {
	findings := orEmpty(res).Findings
	withLink, withRepo := false, false
	for _, f := range findings {
		withLink = withLink || f.Link != ""
		withRepo = withRepo || f.Repository != ""
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader(withLink, withRepo)); err != nil {
		return err
	}
	for i := range findings {
		f := &findings[i]
		row := []string{f.RuleID, f.Commit, f.File, f.SymlinkFile, f.Secret, f.Match,
			strconv.Itoa(f.StartLine), strconv.Itoa(f.EndLine),
			strconv.Itoa(f.StartColumn), strconv.Itoa(f.EndColumn),
			f.Author, f.Message, f.Date, f.Email, f.Fingerprint,
			strings.Join(f.Tags, " "), f.SecretHash, string(f.Confidence)}
		if withLink {
			row = append(row, f.Link)
		}
		if withRepo {
			row = append(row, f.Repository, f.Extra[AuditMarkKey])
		}
		for j := range row {
			row[j] = defuseFormula(row[j])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuseFormula stops spreadsheets from running scanned content as a
// formula (CSV injection): a cell starting with = + - @ tab or CR gets a
// leading apostrophe, which spreadsheets hide. Numbers are left alone.
func defuseFormula(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}
