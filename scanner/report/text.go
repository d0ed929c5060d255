package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// textReporter writes the report for people: one block per finding, then a
// summary line. ANSI colours only when Options.Color is set. Scanned text is
// passed through printable, so a file cannot send escape sequences to the
// terminal.
type textReporter struct{}

// textMaxWarnings caps the warnings listed before the summary.
const textMaxWarnings = 10

func (textReporter) Name() string { return "text" }

func (textReporter) Write(w io.Writer, res *finding.Result, opts Options) error {
	res = orEmpty(res)
	p := painter(opts.Color)
	var b strings.Builder
	for i := range res.Findings {
		f := &res.Findings[i]
		head := fmt.Sprintf("%s  %s  %s", p(bold, printable(fileLine(f))), p(red, printable(f.RuleID)), printable(f.Description))
		b.WriteString(strings.TrimRight(head, " ") + "\n")
		field := func(label, value string) {
			if value != "" {
				fmt.Fprintf(&b, "  %s %s\n", p(dim, fmt.Sprintf("%-12s", label+":")), value)
			}
		}
		field("Match", p(yellow, shorten(printable(f.Match))))
		field("Confidence", printable(string(f.Confidence)))
		if f.Commit != "" {
			field("Commit", p(cyan, shortSHA(f.Commit)))
			author := f.Author
			if f.Email != "" {
				author += " <" + f.Email + ">"
			}
			field("Author", printable(strings.TrimSpace(author)))
			field("Date", printable(f.Date))
			field("Message", shorten(printable(firstLine(f.Message))))
		}
		if f.Verification != nil {
			field("Verified", printable(f.Verification.Status))
		}
		field("Fingerprint", printable(f.Fingerprint))
		b.WriteString("\n")
	}
	warnings := res.Stats.Warnings
	for i, warn := range warnings {
		if i == textMaxWarnings {
			fmt.Fprintf(&b, "%s … and %d more\n", p(yellow, "warning:"), len(warnings)-textMaxWarnings)
			break
		}
		fmt.Fprintf(&b, "%s %s\n", p(yellow, "warning:"), printable(warn))
	}
	for i, e := range res.Stats.Errors {
		if i == textMaxWarnings {
			fmt.Fprintf(&b, "%s … and %d more\n", p(red, "error:"), len(res.Stats.Errors)-textMaxWarnings)
			break
		}
		fmt.Fprintf(&b, "%s %s\n", p(red, "error:"), printable(e))
	}
	switch {
	case res.Stats.Incomplete():
		// Never "no leaks" over content that was not read.
		b.WriteString(p(red, "Scan incomplete: what could not be read was not scanned.") + "\n")
	case len(res.Findings) == 0:
		b.WriteString(p(green, "No leaks found.") + "\n")
	}
	b.WriteString(SummaryLine(res) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// SummaryLine tells what the scan covered: "Scanned 12 files (3.4 KiB) in
// 1.23s: 2 findings." followed by skipped, missing and warning counts when
// they are not zero, and by what could not be read when the scan is
// incomplete.
func SummaryLine(res *finding.Result) string {
	res = orEmpty(res)
	st := res.Stats
	unit := "file"
	switch st.Mode {
	case "history", "range":
		unit = "blob"
	}
	line := "Scanned " + plural(st.Files, unit)
	if st.Commits > 0 {
		line += " from " + plural(st.Commits, "commit")
	}
	line += fmt.Sprintf(" (%s) in %s: %s.", humanBytes(st.Bytes), formatDuration(st.Duration), plural(len(res.Findings), "finding"))
	var extra []string
	for _, c := range []struct {
		n    int
		what string
	}{
		{st.SkippedBinary, "binary"}, {st.SkippedLarge, "too large"}, {st.SkippedOther, "unreadable or outside the tree"},
	} {
		if c.n > 0 {
			extra = append(extra, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(extra) > 0 {
		line += " Skipped " + strings.Join(extra, ", ") + "."
	}
	if st.MissingObjects > 0 {
		line += " " + plural(st.MissingObjects, "missing object") + "."
	}
	if n := st.BelowConfidence; n > 0 {
		line += " " + hiddenLine(n, st.MinConfidence)
	}
	if len(st.Warnings) > 0 {
		line += " " + plural(len(st.Warnings), "warning") + "."
	}
	if st.Unreadable > 0 {
		what := "file"
		switch st.Mode {
		case "history", "range", "staged":
			what = "git object"
		}
		line += " Incomplete: " + plural(st.Unreadable, what) + " could not be read."
	}
	return line
}

// hiddenLine says how many findings the confidence threshold hid and how
// to see them.
func hiddenLine(n int, min finding.Confidence) string {
	if min == finding.ConfidenceHigh {
		return plural(n, "finding") + " below high confidence not shown; --min-confidence low shows them."
	}
	return plural(n, "low-confidence finding") + " not shown; --min-confidence low shows them."
}

// ANSI styles used by the text format.
const (
	bold   = "1"
	dim    = "2"
	red    = "31"
	green  = "32"
	yellow = "33"
	cyan   = "36"
)

// painter returns a function that wraps text in an ANSI style, or leaves it
// alone when colour is off.
func painter(color bool) func(style, s string) string {
	return func(style, s string) string {
		if !color || s == "" {
			return s
		}
		return "\x1b[" + style + "m" + s + "\x1b[0m"
	}
}
