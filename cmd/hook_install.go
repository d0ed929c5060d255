package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/scanner/hook"
)

// hookInstallOptions holds `hook install` flags.
type hookInstallOptions struct {
	f *Factory
	// Executable returns the path of the running binary (written into the hook).
	Executable func() (string, error)

	Path      string
	PrePush   bool
	PreCommit bool
	Force     bool
	Chain     bool
	Baseline  string
	Config    string
	// MinConfidence is passed to the hook as --min-confidence.
	MinConfidence string
}

// NewCmdHookInstall builds `secretsweep hook install`; runF, when set, runs
// instead of runHookInstall once the flags are parsed and valid.
func NewCmdHookInstall(f *Factory, runF func(*hookInstallOptions) error) *cobra.Command {
	opts := &hookInstallOptions{f: f, Executable: os.Executable}
	c := &cobra.Command{
		Use:   "install [PATH]",
		Short: "Install the pre-push (and optionally pre-commit) hook",
		Long: `Install secretsweep's git hooks into the repository containing PATH (default ".").

The hooks directory is the one git runs hooks from, as git reports it
(git rev-parse --git-path hooks, run in PATH with this environment): core.hooksPath
wherever it is set (system, global, local or worktree config, an included file,
GIT_CONFIG_COUNT), else the hooks directory shared by all worktrees. The git
binary is needed. An existing hook that secretsweep did not write is
left alone unless --chain (keep it as <hook>.secretsweep-chained and run it
first) or --force (replace it) is given. Re-running install updates our hooks.

The hook calls this binary by its absolute path (falling back to secretsweep
on PATH). --baseline and --config are passed to every hook run; without
--baseline, .secretsweep-baseline.json at the repository root is used when it
exists.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if opts.Force && opts.Chain {
				return usageError{errors.New("--force and --chain cannot be used together")}
			}
			if _, err := parseMinConfidence(opts.MinConfidence); err != nil {
				return usageError{fmt.Errorf("--min-confidence: %w", err)}
			}
			if !opts.PrePush && !opts.PreCommit {
				return usageError{errors.New("nothing to install: --pre-push=false without --pre-commit")}
			}
			if runF != nil {
				return runF(opts)
			}
			return runHookInstall(cmd.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.BoolVar(&opts.PrePush, "pre-push", true, "install the pre-push hook (scans the commits being pushed)")
	fl.BoolVar(&opts.PreCommit, "pre-commit", false, "also install a pre-commit hook (scans staged changes)")
	fl.BoolVar(&opts.Force, "force", false, "replace an existing hook that secretsweep did not install")
	fl.BoolVar(&opts.Chain, "chain", false, "keep an existing hook and run it before secretsweep")
	fl.StringVarP(&opts.Baseline, "baseline", "b", "", "baseline JSON report `FILE` passed to the hook (default <root>/.secretsweep-baseline.json if present)")
	fl.StringVarP(&opts.Config, "config", "c", "", "gitleaks-format TOML config `FILE` passed to the hook")
	fl.StringVar(&opts.MinConfidence, "min-confidence", "", "confidence threshold passed to the hook: `high`, medium or low (default: [scan] minConfidence of the config, else medium)")
	return c
}

func runHookInstall(ctx context.Context, opts *hookInstallOptions) error {
	dir, err := hooksDir(ctx, opts.f, opts.Path)
	if err != nil {
		return err
	}
	exe, err := opts.Executable()
	if err != nil {
		return fmt.Errorf("locate the secretsweep binary: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	var args []string
	for _, fl := range []struct{ name, value string }{{"--baseline", opts.Baseline}, {"--config", opts.Config}} {
		if fl.value == "" {
			continue
		}
		abs, err := filepath.Abs(fl.value)
		if err != nil {
			return fmt.Errorf("%s %s: %w", fl.name, fl.value, err)
		}
		if _, err := os.Stat(abs); err != nil {
			return usageError{fmt.Errorf("%s %s: %w", fl.name, fl.value, err)}
		}
		args = append(args, fl.name, abs)
	}
	if c, _ := parseMinConfidence(opts.MinConfidence); c != "" {
		args = append(args, "--min-confidence", string(c))
	}
	var kinds []hook.Kind
	if opts.PrePush {
		kinds = append(kinds, hook.PrePush)
	}
	if opts.PreCommit {
		kinds = append(kinds, hook.PreCommit)
	}
	for _, k := range kinds {
		p, action, err := hook.Install(hook.InstallOptions{
			HooksDir: dir,
			Kind:     k,
			Script:   hook.ScriptOptions{Exe: exe, Args: args},
			Force:    opts.Force,
			Chain:    opts.Chain,
		})
		if err != nil {
			return err
		}
		msg := fmt.Sprintf("%s %s hook: %s", action, k, p)
		if action == hook.Chained {
			msg += fmt.Sprintf(" (the previous hook runs first, kept as %s)", k.ChainedName())
		}
		fmt.Fprintln(opts.f.IO.Out, msg)
	}
	return nil
}
