package remediate

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// Formats are the --format values of the summary.
var Formats = []string{"text", "json", "markdown"}

// WriteSummary renders s in format to w.
func WriteSummary(w io.Writer, s *Summary, format string) error {
	switch format {
	case "", "text":
		return writeText(w, s)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	case "markdown", "md":
		return writeMarkdown(w, s)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

func counts(s *Summary) string {
	var parts []string
	for _, st := range []Status{StatusPlanned, StatusDone, StatusAlreadyDone, StatusManual, StatusBlocked, StatusFailed} {
		if n := s.Count(st); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, st))
		}
	}
	if len(parts) == 0 {
		return "nothing to do (no leaked credential to remediate)"
	}
	return strings.Join(parts, ", ")
}

func where(it Item) string {
	w := fmt.Sprintf("%s:%d", it.File, it.Line)
	if it.Commit != "" {
		w = fmt.Sprintf("%.12s:%s", it.Commit, w)
	}
	return w
}

func writeText(w io.Writer, s *Summary) error {
	for _, it := range s.Items {
		fmt.Fprintf(w, "%-12s %s  %s  %s (%s)\n", it.Status, where(it), it.Rule, it.Target, it.SecretHash)
		if s.Mode == "plan" {
			for _, st := range it.Action.Steps {
				fmt.Fprintf(w, "             - %s\n", st)
			}
		}
		if it.Detail != "" {
			fmt.Fprintf(w, "             %s\n", it.Detail)
		}
		if it.Error != "" {
			fmt.Fprintf(w, "             error: %s\n", it.Error)
		}
		if it.Action.Guide != "" && (it.Status == StatusManual || it.Status == StatusBlocked) {
			fmt.Fprintf(w, "             guide: %s\n", it.Action.Guide)
		}
	}
	for _, warn := range s.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	fmt.Fprintf(w, "%s: %s", s.Mode, counts(s))
	if s.AuditLog != "" && s.Mode == "apply" {
		fmt.Fprintf(w, " (audit log: %s)", s.AuditLog)
	}
	_, err := fmt.Fprintln(w)
	return err
}

func writeMarkdown(w io.Writer, s *Summary) error {
	fmt.Fprintf(w, "## secretsweep remediate (%s)\n\n%s\n\n", s.Mode, counts(s))
	if len(s.Items) > 0 {
		fmt.Fprintln(w, "| Status | Where | Rule | Target | Detail |")
		fmt.Fprintln(w, "|---|---|---|---|---|")
		for _, it := range s.Items {
			detail := it.Detail
			if it.Error != "" {
				detail = "error: " + it.Error
			}
			if it.Action.Guide != "" && (it.Status == StatusManual || it.Status == StatusBlocked) {
				detail += " [guide](" + it.Action.Guide + ")"
			}
			fmt.Fprintf(w, "| %s | `%s` | %s | %s | %s |\n", it.Status, where(it), it.Rule, mdEscape(it.Target), mdEscape(detail))
		}
	}
	for _, warn := range s.Warnings {
		fmt.Fprintf(w, "\n> warning: %s\n", mdEscape(warn))
	}
	return nil
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// Notify publishes the text summary to an SNS topic.
func Notify(ctx context.Context, client SNSAPI, topicARN string, s *Summary) error {
	if client == nil {
		return errNoAWS
	}
	var b strings.Builder
	if err := writeText(&b, s); err != nil {
		return err
	}
	subject := "secretsweep remediate: " + counts(s)
	if len(subject) > 99 {
		subject = subject[:99]
	}
	_, err := client.Publish(ctx, &sns.PublishInput{TopicArn: &topicARN, Subject: aws.String(subject), Message: aws.String(b.String())})
	if err != nil {
		return fmt.Errorf("notify %s: %w", topicARN, err)
	}
	return nil
}
