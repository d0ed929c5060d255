package cmd

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/scanner/hook"
)

// NewCmdHook builds `secretsweep hook`, the git hook command group.
func NewCmdHook(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "hook",
		Short: "Install git hooks that stop secrets before they are pushed or committed",
		Long: `Manage secretsweep's git hooks.

"hook install" writes a pre-push hook (and with --pre-commit a pre-commit hook)
into the directory git runs hooks from, as git reports it (core.hooksPath
wherever it is set). The pre-push hook scans only the commits being pushed;
the pre-commit hook scans the staged changes. A leak stops the push or commit
with a report on stderr; git's --no-verify skips the hook.

The repository's config (.secretsweep.toml or .gitleaks.toml), .gitleaksignore
and baseline (--baseline, else .secretsweep-baseline.json) apply, read from a
revision the change cannot touch: for a push the remote's tip (the remote's
value of the ref, or for a new branch the remote's default branch as last
fetched), for a commit HEAD. A change to them takes effect once it is on the
remote (push) or committed (commit); the hook warns when a push or commit
modifies one.

For the pre-commit framework, use the hooks "secretsweep" and
"secretsweep-pre-push" from this repository's .pre-commit-hooks.yaml.`,
	}
	c.AddCommand(
		NewCmdHookInstall(f, nil),
		NewCmdHookUninstall(f, nil),
		NewCmdHookRunPrePush(f, nil),
		NewCmdHookRunPreCommit(f, nil),
	)
	return c
}

// hooksDir returns the directory git runs the hooks of the repository
// containing path (default ".") from, as git itself reports it.
func hooksDir(ctx context.Context, f *Factory, path string) (string, error) {
	if path == "" {
		path = "."
	}
	if _, err := hook.FindRepo(path); err != nil {
		return "", err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	var env []string
	if f.Environ != nil {
		env = f.Environ()
	}
	return hook.HooksDir(ctx, path, env)
}
