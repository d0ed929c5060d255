package hook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoGit is returned by HooksDir when the git binary is not available.
var ErrNoGit = errors.New("the git binary is needed to find where git runs hooks")

// HooksDir asks git where it runs the hooks of the repository containing
// dir: `git rev-parse --git-path hooks`, run in dir with env (nil: this
// process's environment). Only git knows the answer in general:
// core.hooksPath may come from system, global, local or worktree config,
// from files those [include] or [includeIf], or from GIT_CONFIG_COUNT /
// GIT_CONFIG_PARAMETERS in the environment; linked worktrees share the
// hooks of the common directory. Installing anywhere else writes a hook git
// never runs. Without git it fails with ErrNoGit rather than guess.
func HooksDir(ctx context.Context, dir string, env []string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("path %s: %w", dir, err)
	}
	bin, err := exec.LookPath("git")
	if err != nil {
		return "", fmt.Errorf("locate the hooks directory: %w (%v)", ErrNoGit, err)
	}
	cmd := exec.CommandContext(ctx, bin, "rev-parse", "--git-path", "hooks")
	cmd.Dir = abs
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return "", fmt.Errorf("locate the hooks directory: git rev-parse --git-path hooks in %s: %v: %s", abs, err, msg)
	}
	p := strings.TrimSuffix(string(out), "\n")
	if p == "" {
		return "", fmt.Errorf("locate the hooks directory: git rev-parse --git-path hooks in %s printed nothing", abs)
	}
	// git prints a relative path relative to the directory it ran in.
	if !filepath.IsAbs(p) {
		p = filepath.Join(abs, p)
	}
	return filepath.Clean(p), nil
}
