package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/audit"
)

// reportMergeOptions holds the flags of `report merge`.
type reportMergeOptions struct {
	f *Factory

	Files       []string
	Format      string
	Output      string
	StateOutput string
	// MinConfidence drops merged findings below it (findings of reports
	// written before confidence existed are kept).
	MinConfidence string
	minConf       finding.Confidence
}

// NewCmdReportMerge builds `secretsweep report merge FILE...`; runF, when
// set, runs instead of the merge (tests of flag parsing).
func NewCmdReportMerge(f *Factory, runF func(*reportMergeOptions) error) *cobra.Command {
	opts := &reportMergeOptions{f: f}
	c := &cobra.Command{
		Use:   "merge FILE...",
		Short: "Join the JSON reports (and states) of sharded audits into one report",
		Long: `Join the JSON reports of "audit org --shard I/N" jobs into one report, in any
audit format (json, sarif, csv, html). State files (--state of each job) given
among the files are joined too and written to --state-output, ready for the
next run of every shard.

Exit codes: 0 no leaks, 1 leaks in the merged report, 2 usage or input error.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if err := opts.validate(); err != nil {
				return usageError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runReportMerge(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringVarP(&opts.Format, "format", "f", "json", fmt.Sprintf("report format: %v", audit.Formats()))
	fl.StringVarP(&opts.Output, "output", "o", "", "write the merged report to `FILE` (default stdout)")
	fl.StringVar(&opts.StateOutput, "state-output", "", "write the merged state to `FILE` (when states are given)")
	fl.StringVar(&opts.MinConfidence, "min-confidence", "", "keep only findings of this confidence or above: `high`, medium or low (default: all the reports hold)")
	return c
}

func (o *reportMergeOptions) validate() error {
	if err := audit.CheckFormat(o.Format); err != nil {
		return err
	}
	var err error
	if o.minConf, err = parseMinConfidence(o.MinConfidence); err != nil {
		return fmt.Errorf("--min-confidence: %w", err)
	}
	for _, p := range []string{o.Output, o.StateOutput} {
		if p == "" {
			continue
		}
		if st, err := os.Stat(filepath.Dir(p)); err != nil || !st.IsDir() {
			return fmt.Errorf("%s: directory %s does not exist", p, filepath.Dir(p))
		}
	}
	return nil
}

func runReportMerge(_ context.Context, o *reportMergeOptions) error {
	var reports []*audit.Report
	var states []*audit.State
	for _, name := range o.Files {
		data, err := os.ReadFile(name)
		if err != nil {
			return usageError{fmt.Errorf("read %s: %w", name, unwrapPath(err))}
		}
		rep, st, err := audit.ReadFile(name, data)
		if err != nil {
			return usageError{err}
		}
		if rep != nil {
			reports = append(reports, rep)
		} else {
			states = append(states, st)
		}
	}
	if len(reports) == 0 {
		return usageError{errors.New("no audit report among the files (states alone cannot make a report)")}
	}
	if len(states) > 0 && o.StateOutput == "" {
		return usageError{errors.New("states given: name the merged state's file with --state-output")}
	}
	if len(states) == 0 && o.StateOutput != "" {
		return usageError{errors.New("--state-output: no state among the files")}
	}
	merged, err := audit.Merge(reports...)
	if err != nil {
		return usageError{err}
	}
	if len(states) > 0 {
		if err := audit.MergeStates(states...).Save(o.StateOutput); err != nil {
			return err
		}
	}
	if o.minConf != "" {
		var hidden int
		merged.Findings, _, hidden = finding.FilterConfidence(merged.Findings, o.minConf)
		if hidden > 0 {
			fmt.Fprintf(o.f.IO.ErrOut, "%d finding(s) below %s confidence not shown\n", hidden, o.minConf)
		}
	}
	if err := writeAuditReport(o.f, o.Format, o.Output, merged); err != nil {
		return err
	}
	if len(merged.Findings) > 0 {
		return ErrLeaksFound
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
