package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// markdownReporter writes a GitHub-flavoured markdown summary for a pull
// request comment: a header counting findings and a table, or a single
// "no leaks found" line; an incomplete scan leads with what could not be
// read and never says "no leaks found".
type markdownReporter struct{}

// markdownMaxRows caps the table so a comment stays under GitHub's size limit.
const markdownMaxRows = 100

func (markdownReporter) Name() string { return "markdown" }

func (markdownReporter) Write(w io.Writer, res *finding.Result, _ Options) error {
	res = orEmpty(res)
	var b strings.Builder
	if res.Stats.Incomplete() {
		b.WriteString("### :x: secretsweep: scan incomplete\n\nWhat could not be read was not scanned:\n\n")
		for _, e := range res.Stats.Errors {
			fmt.Fprintf(&b, "- %s\n", mdCode(e))
		}
		if len(res.Findings) > 0 {
			b.WriteString("\n")
		}
	}
	if len(res.Findings) == 0 {
		if !res.Stats.Incomplete() {
			b.WriteString("### :white_check_mark: secretsweep: no leaks found\n")
		}
	} else {
		fmt.Fprintf(&b, "### :warning: secretsweep found %s\n\n", plural(len(res.Findings), "possible secret"))
		b.WriteString("| Rule | Confidence | Location | Commit | Match |\n| --- | --- | --- | --- | --- |\n")
		for i := range res.Findings {
			if i == markdownMaxRows {
				fmt.Fprintf(&b, "\n… and %d more; see the full report.\n", len(res.Findings)-markdownMaxRows)
				break
			}
			f := &res.Findings[i]
			commit := ""
			if f.Commit != "" {
				commit = mdCode(shortSHA(f.Commit))
			}
			conf := ""
			if f.Confidence.Valid() { // a level name, nothing else, from a report read back
				conf = string(f.Confidence)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdCode(f.RuleID), conf, mdCode(fileLine(f)), commit, mdCode(shorten(f.Match)))
		}
		b.WriteString("\nMove each secret to AWS Secrets Manager with `secretsweep migrate`, then rotate it with `secretsweep remediate`: it is already in the git history.\n")
	}
	fmt.Fprintf(&b, "\n<sub>%s</sub>\n", SummaryLine(res))
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCode renders scanned text as inline code inside a table cell. It uses
// <code> with every character that markdown, HTML or GitHub (mentions,
// issue links, autolinks) could interpret written as a numeric entity, so
// the text shows exactly as it is and cannot break out of its cell.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("<code>")
	for _, r := range printable(s) {
		if strings.ContainsRune("\\`*_[]<>|~&@#:$", r) {
			fmt.Fprintf(&b, "&#%d;", r)
		} else {
			b.WriteRune(r)
		}
	}
	b.WriteString("</code>")
	return b.String()
}
