package hook

import (
	"fmt"
	"io"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/report"
)

// maxMatchWidth bounds the redacted match shown per finding.
const maxMatchWidth = 100

// WriteReport writes a blocked push or commit report to w: one entry per
// finding (file:line, rule, redacted match, commit, fingerprint) and how to
// fix or allow it. Findings are redacted (every secret of the set, in every
// field) before anything is written, and every name, message or match taken
// from the repository is escaped (report.Printable), so a file name or a
// commit message cannot send escape sequences to the terminal.
func WriteReport(w io.Writer, kind Kind, remote string, o *Outcome) error {
	ew := &errWriter{w: w}
	n := len(o.Findings)
	noun := "leak"
	if n != 1 {
		noun = "leaks"
	}
	action, where := "push", "in the commits being pushed"
	if remote != "" {
		where += " to " + oneLine(remote)
	}
	if kind == PreCommit {
		action, where = "commit", "in the staged changes"
	}
	ew.printf("secretsweep: %s blocked: %d %s %s\n\n", action, n, noun, where)
	fs := append([]finding.Finding(nil), o.Findings...) // redaction must not depend on the caller
	finding.RedactAll(fs)
	for i := range fs {
		f := &fs[i]
		ew.printf("  %s:%d  %s\n", oneLine(f.File), f.StartLine, oneLine(f.RuleID))
		if m := oneLine(f.Match); m != "" {
			ew.printf("    match:       %s\n", m)
		}
		if f.Commit != "" {
			subject, _, _ := strings.Cut(f.Message, "\n")
			ew.printf("    commit:      %s %s\n", oneLine(short(f.Commit)), oneLine(subject))
		}
		if f.Confidence != "" {
			ew.printf("    confidence:  %s\n", oneLine(string(f.Confidence)))
		}
		ew.printf("    fingerprint: %s\n", oneLine(f.Fingerprint))
		if h := f.ShortHash(); h != "" {
			ew.printf("    secret:      hmac %s…\n", h)
		}
		ew.printf("\n")
	}
	ew.printf("How to fix:\n")
	if kind == PreCommit {
		ew.printf("  - Remove the secret from the file and stage it again (git add); if it is\n" +
			"    real, rotate it and read it at run time instead (secretsweep migrate moves\n" +
			"    it to AWS Secrets Manager).\n")
	} else {
		ew.printf("  - Remove the secret and rewrite the unpushed commits that add it\n" +
			"    (git commit --amend for the last one, git rebase -i for older ones); if it\n" +
			"    is real, rotate it (it is in your local history) and read it at run time\n" +
			"    instead (secretsweep migrate moves it to AWS Secrets Manager).\n")
	}
	ew.printf("\nHow to allow a false positive:\n" +
		"  - add a comment containing gitleaks:allow at the end of the line, or\n" +
		"  - add the fingerprint line above to .gitleaksignore at the repository root, or\n" +
		"  - keep it in a baseline report (" + BaselineFile + " at the root, or --baseline).\n")
	ew.printf("\nTo %s anyway (not recommended): git %s --no-verify\n", action, action)
	if line := HiddenLine(o); line != "" {
		ew.printf("%s\n", line)
	}
	return ew.err
}

// HiddenLine says how many findings the confidence threshold kept from
// blocking, and how to see them; "" when it hid none.
func HiddenLine(o *Outcome) string {
	if o.BelowConfidence == 0 {
		return ""
	}
	what := "low-confidence finding"
	if o.MinConfidence == finding.ConfidenceHigh {
		what = "finding below high confidence"
	}
	if o.BelowConfidence != 1 {
		what = strings.Replace(what, "finding", "findings", 1)
	}
	return fmt.Sprintf("secretsweep: %d %s not shown (--min-confidence low shows them)", o.BelowConfidence, what)
}

// WriteWarnings writes scanner warnings, one line each.
func WriteWarnings(w io.Writer, warnings []string) error {
	ew := &errWriter{w: w}
	for _, s := range warnings {
		ew.printf("secretsweep: warning: %s\n", oneLine(s))
	}
	return ew.err
}

// WriteErrors writes what a scan could not read, one line each, whole (the
// object ids and paths are the point), escaped (report.Printable).
func WriteErrors(w io.Writer, errs []string) error {
	ew := &errWriter{w: w}
	for _, s := range errs {
		ew.printf("secretsweep: error: %s\n", report.Printable(strings.Join(strings.Fields(s), " ")))
	}
	return ew.err
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

// oneLine flattens s to one trimmed line of at most maxMatchWidth runes
// and escapes what remains of control characters (report.Printable).
func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxMatchWidth {
		s = string(r[:maxMatchWidth-1]) + "…"
	}
	return report.Printable(s)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
