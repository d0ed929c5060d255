package action

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/report"
)

// Workflow commands are lines on stdout that the runner interprets
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
// Everything this package prints goes through these helpers, so that
// scanned text (file names, matches) can never start a command of its own.

// escapeData escapes a workflow command's message the way the runner's
// toolkit does: %, CR and LF.
func escapeData(s string) string {
	s = strings.ReplaceAll(s, "%", "%25")
	s = strings.ReplaceAll(s, "\r", "%0D")
	return strings.ReplaceAll(s, "\n", "%0A")
}

// escapeProperty escapes a command property value: the message's escapes
// plus ":" and ",", which separate properties.
func escapeProperty(s string) string {
	s = escapeData(s)
	s = strings.ReplaceAll(s, ":", "%3A")
	return strings.ReplaceAll(s, ",", "%2C")
}

// command writes one workflow command line: ::name k=v,...::message.
// props are key, value pairs, in order.
func command(w io.Writer, name, message string, props ...string) {
	var kv []string
	for i := 0; i+1 < len(props); i += 2 {
		if props[i+1] != "" {
			kv = append(kv, props[i]+"="+escapeProperty(props[i+1]))
		}
	}
	sep := ""
	if len(kv) > 0 {
		sep = " "
	}
	_, _ = fmt.Fprintf(w, "::%s%s%s::%s\n", name, sep, strings.Join(kv, ","), escapeData(message))
}

// logLine writes a plain log line; line breaks are flattened so no part
// of it can be read as a workflow command.
func logLine(w io.Writer, msg string) {
	msg = strings.NewReplacer("\r", " ", "\n", " ").Replace(msg)
	_, _ = fmt.Fprintf(w, "secretsweep: %s\n", msg)
}

// annotate writes an ::error annotation for a finding (already redacted).
// line is where the secret is in the scanned head (0: not there any more).
func annotate(w io.Writer, f *finding.Finding, line int) {
	title := "secretsweep: " + f.RuleID
	msg := fmt.Sprintf("Possible secret (rule %s): %s", f.RuleID, report.Printable(f.Match))
	if f.Commit != "" {
		msg += fmt.Sprintf(" (added in commit %s", short(f.Commit))
		if line == 0 {
			msg += "; a later commit removed it, but it stays in the git history"
		}
		msg += ")"
	}
	if f.Verification != nil {
		msg += " [" + verificationLabel(f.Verification.Status) + "]"
	}
	msg += ". Move it out of the code (secretsweep migrate) and rotate it: it was pushed."
	props := []string{"file", f.File, "line", "", "endLine", "", "title", title}
	if line > 0 {
		props[3] = strconv.Itoa(line)
		if f.EndLine > f.StartLine {
			props[5] = strconv.Itoa(line + f.EndLine - f.StartLine)
		}
	}
	command(w, "error", msg, props...)
}

// describe is the rule's description, or its id.
func describe(f *finding.Finding) string {
	if d := strings.TrimSpace(f.Description); d != "" {
		return d
	}
	return f.RuleID
}

// verificationLabel names a verification status for people.
func verificationLabel(status string) string {
	switch status {
	case "verified":
		return "live: verified with its provider"
	case "invalid":
		return "inactive: its provider rejected it"
	}
	return "not verified"
}

// setOutputs appends name=value lines to the GITHUB_OUTPUT file (values
// are single lines: counts and paths).
func setOutputs(path string, kv ...string) error {
	if path == "" {
		return nil
	}
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if strings.ContainsAny(kv[i+1], "\r\n") {
			return fmt.Errorf("output %s holds a line break", kv[i])
		}
		fmt.Fprintf(&b, "%s=%s\n", kv[i], kv[i+1])
	}
	return appendFile(path, b.String())
}

// appendFile appends s to the file at path (GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY), which the runner creates.
func appendFile(path, s string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, s); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
