package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/hook"
)

// hookRunOptions holds the flags of the hidden commands the hook scripts call.
type hookRunOptions struct {
	f *Factory
	// Scan runs scans; nil means scanner.Scan.
	Scan hook.ScanFunc

	Kind     hook.Kind
	Remote   string
	Baseline string
	Config   string
	// MinConfidence is --min-confidence ("": the config's, else medium).
	MinConfidence string
}

// NewCmdHookRunPrePush builds the hidden `secretsweep hook run-pre-push`,
// which the installed pre-push hook calls with git's arguments and input.
// runF, when set, runs instead of runHookRun once the flags are parsed.
func NewCmdHookRunPrePush(f *Factory, runF func(*hookRunOptions) error) *cobra.Command {
	return newCmdHookRun(f, runF, hook.PrePush, `Scan the commits being pushed, as git's pre-push hook.

Reads git's pre-push input on stdin ("<local ref> <local sha> <remote ref>
<remote sha>" lines) and scans, for each updated ref, the commits between the
remote's old value and the pushed one; for a new ref, the commits reachable
from no remote-tracking ref. Deletions are ignored. Without input it uses
PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF (or PRE_COMMIT_LOCAL_BRANCH) as set by
the pre-commit framework. Arguments are git's remote name and URL.`)
}

// NewCmdHookRunPreCommit builds the hidden `secretsweep hook run-pre-commit`,
// which the installed pre-commit hook calls (runF as for pre-push).
func NewCmdHookRunPreCommit(f *Factory, runF func(*hookRunOptions) error) *cobra.Command {
	return newCmdHookRun(f, runF, hook.PreCommit, `Scan the changes staged for the next commit, as git's pre-commit hook: the
index git names in GIT_INDEX_FILE (git commit -a, git commit PATHS), else the
repository's index.`)
}

func newCmdHookRun(f *Factory, runF func(*hookRunOptions) error, kind hook.Kind, long string) *cobra.Command {
	opts := &hookRunOptions{f: f, Kind: kind}
	maxArgs := 2
	if kind == hook.PreCommit {
		maxArgs = 0
	}
	c := &cobra.Command{
		Use:    kind.RunCommand() + " [REMOTE [URL]]",
		Short:  "Run the " + string(kind) + " scan (called by the installed hook)",
		Long:   long + "\n\nThe repository's config, .gitleaksignore and baseline (--baseline, else\n.secretsweep-baseline.json) apply, read from a revision the change cannot\ntouch: the remote's tip for a push, HEAD for a commit. Exit codes: 0 no\nleaks, 1 leaks found (the report is on stderr), 2 error.",
		Hidden: true,
		Args:   cobra.MaximumNArgs(maxArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.Remote = args[0]
			}
			if _, err := parseMinConfidence(opts.MinConfidence); err != nil {
				return usageError{fmt.Errorf("--min-confidence: %w", err)}
			}
			if runF != nil {
				return runF(opts)
			}
			return runHookRun(cmd.Context(), opts)
		},
	}
	if kind == hook.PreCommit {
		c.Use = kind.RunCommand()
	}
	fl := c.Flags()
	fl.StringVarP(&opts.Baseline, "baseline", "b", "", "baseline JSON report `FILE` (default <root>/.secretsweep-baseline.json if present)")
	fl.StringVarP(&opts.Config, "config", "c", "", "gitleaks-format TOML config `FILE`")
	addMinConfidenceFlag(fl, &opts.MinConfidence)
	return c
}

func runHookRun(ctx context.Context, opts *hookRunOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	h, err := opts.f.hasher()
	if err != nil {
		return err
	}
	minConf, err := parseMinConfidence(opts.MinConfidence)
	if err != nil {
		return usageError{fmt.Errorf("--min-confidence: %w", err)}
	}
	rn := &hook.Runner{
		MinConfidence: minConf,
		Remote:        opts.Remote,
		ConfigPath:    opts.Config,
		BaselinePath:  opts.Baseline,
		Scan:          opts.Scan,
		Getenv:        opts.f.Getenv,
		Hasher:        h,
	}
	var out *hook.Outcome
	switch opts.Kind {
	case hook.PrePush:
		var updates []hook.Update
		if !isTerminal(opts.f.IO.In) {
			if updates, err = hook.ParseUpdates(opts.f.IO.In); err != nil {
				return usageError{err}
			}
		}
		out, err = rn.PrePush(ctx, updates)
	default:
		out, err = rn.PreCommit(ctx)
	}
	// Commits or staged content that could not all be read block the push
	// or commit (exit 2) after what was found in the rest is reported.
	var incomplete error
	if err != nil {
		if !errors.Is(err, scanner.ErrIncomplete) || out == nil {
			return err
		}
		action := "push"
		if opts.Kind == hook.PreCommit {
			action = "commit"
		}
		incomplete = fmt.Errorf("%s blocked: %w (to %s anyway: git %s --no-verify)", action, err, action, action)
	}
	errOut := opts.f.IO.ErrOut
	if err := hook.WriteWarnings(errOut, out.Warnings); err != nil {
		return err
	}
	if err := hook.WriteErrors(errOut, out.Errors); err != nil {
		return err
	}
	if len(out.Findings) > 0 {
		if err := hook.WriteReport(errOut, opts.Kind, opts.Remote, out); err != nil {
			return err
		}
		if incomplete != nil {
			return incomplete
		}
		return ErrLeaksFound
	}
	if incomplete != nil {
		return incomplete
	}
	if opts.Kind == hook.PrePush {
		fmt.Fprintf(errOut, "secretsweep: no leaks in %d commit(s) being pushed\n", out.Commits)
	}
	if line := hook.HiddenLine(out); line != "" {
		fmt.Fprintln(errOut, line)
	}
	return nil
}

// isTerminal reports whether r is an interactive terminal (no hook input).
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}
