package cmd

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/scanner/hook"
)

// hookUninstallOptions holds `hook uninstall` flags.
type hookUninstallOptions struct {
	f    *Factory
	Path string
}

// NewCmdHookUninstall builds `secretsweep hook uninstall`; runF, when set,
// runs instead of runHookUninstall once the arguments are parsed.
func NewCmdHookUninstall(f *Factory, runF func(*hookUninstallOptions) error) *cobra.Command {
	opts := &hookUninstallOptions{f: f}
	return &cobra.Command{
		Use:   "uninstall [PATH]",
		Short: "Remove the hooks secretsweep installed",
		Long: `Remove secretsweep's pre-push and pre-commit hooks from the repository
containing PATH (default "."). Hooks that secretsweep did not write are left
alone; a hook that was chained at install time is put back in place.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runHookUninstall(cmd.Context(), opts)
		},
	}
}

func runHookUninstall(ctx context.Context, opts *hookUninstallOptions) error {
	dir, err := hooksDir(ctx, opts.f, opts.Path)
	if err != nil {
		return err
	}
	for _, k := range hook.Kinds() {
		p, action, err := hook.Uninstall(dir, k)
		if err != nil {
			return err
		}
		switch action {
		case hook.Removed:
			fmt.Fprintf(opts.f.IO.Out, "removed %s hook: %s\n", k, p)
		case hook.Restored:
			fmt.Fprintf(opts.f.IO.Out, "removed %s hook and restored the chained one: %s\n", k, p)
		case hook.NotOurs:
			fmt.Fprintf(opts.f.IO.Out, "left %s hook alone (not installed by secretsweep): %s\n", k, p)
		}
	}
	return nil
}
