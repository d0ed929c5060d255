// Package report renders scan results in the formats secretsweep supports.
// Reporters write to the io.Writer they are given and never to stdout.
//
// Findings arrive redacted or not, as the caller decided (finding.RedactAll);
// reporters print Match and Secret as they get them but never print
// Finding.Line, which is the raw source line.
package report

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Options tune rendering.
type Options struct {
	// Color enables ANSI colours (text format only; set when writing to a terminal).
	Color bool
	// Version is the secretsweep version written into SARIF, JUnit, HTML
	// and GitLab reports.
	Version string
	// Finished is when the scan ended (the GitLab report's end_time; its
	// start_time is Finished minus Stats.Duration). Zero means now.
	Finished time.Time
}

// Reporter renders a result in one format.
type Reporter interface {
	// Name is the --format value, e.g. "json".
	Name() string
	// Write renders res to w.
	Write(w io.Writer, res *finding.Result, opts Options) error
}

// Reporters is the explicit list of supported formats.
func Reporters() []Reporter {
	return []Reporter{
		textReporter{},
		jsonReporter{},
		sarifReporter{},
		csvReporter{},
		junitReporter{},
		markdownReporter{},
		htmlReporter{},
		gitlabReporter{},
	}
}

// Formats returns the names of all formats, sorted.
func Formats() []string {
	var names []string
	for _, r := range Reporters() {
		names = append(names, r.Name())
	}
	sort.Strings(names)
	return names
}

// Lookup returns the reporter for a format name.
func Lookup(name string) (Reporter, error) {
	for _, r := range Reporters() {
		if r.Name() == name {
			return r, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (want one of %v)", name, Formats())
}

// Write renders res in the named format to w. The report is rendered in
// memory first, so w receives nothing when rendering fails. A nil res is
// written as an empty result.
func Write(w io.Writer, format string, res *finding.Result, opts Options) error {
	r, err := Lookup(format)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := r.Write(&buf, orEmpty(res), opts); err != nil {
		return fmt.Errorf("render %s report: %w", format, err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write %s report: %w", format, err)
	}
	return nil
}

// orEmpty returns res, or an empty result when res is nil.
func orEmpty(res *finding.Result) *finding.Result {
	if res == nil {
		return &finding.Result{}
	}
	return res
}
