package hook

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// ErrHookExists is returned by Install when a hook that secretsweep did not
// write is in the way and neither Force nor Chain was given.
var ErrHookExists = errors.New("hook exists")

// InstallOptions configure Install.
type InstallOptions struct {
	// HooksDir is the directory to install into (Repo.HooksDir).
	HooksDir string
	Kind     Kind
	Script   ScriptOptions
	// Force replaces a foreign hook (it is lost).
	Force bool
	// Chain keeps a foreign hook as <kind>.secretsweep-chained and runs it
	// before secretsweep.
	Chain bool
}

// Action says what Install or Uninstall did.
type Action string

// Install and uninstall outcomes.
const (
	Installed Action = "installed" // no hook was there
	Updated   Action = "updated"   // our previous script was rewritten
	Replaced  Action = "replaced"  // a foreign hook was overwritten (--force)
	Chained   Action = "chained"   // a foreign hook was kept and is called first
	Removed   Action = "removed"   // our script was deleted
	Restored  Action = "restored"  // our script was deleted and the chained hook put back
	NotOurs   Action = "not-ours"  // a foreign hook was left alone
	Absent    Action = "absent"    // nothing to remove
)

// Install writes the hook script of opts.Kind into opts.HooksDir (created if
// missing). An existing secretsweep script is updated in place; a foreign
// hook makes Install fail with ErrHookExists unless opts.Chain (keep and
// call it) or opts.Force (overwrite it) is set. It returns the hook's path.
func Install(opts InstallOptions) (string, Action, error) {
	path := filepath.Join(opts.HooksDir, string(opts.Kind))
	script, err := Script(opts.Kind, opts.Script)
	if err != nil {
		return path, "", err
	}
	if err := os.MkdirAll(opts.HooksDir, 0o755); err != nil {
		return path, "", fmt.Errorf("create hooks directory: %w", err)
	}
	action := Installed
	st, err := os.Lstat(path)
	switch {
	case os.IsNotExist(err):
	case err != nil:
		return path, "", fmt.Errorf("hook %s: %w", path, err)
	default:
		ours, err := isOurFile(path, st)
		if err != nil {
			return path, "", err
		}
		switch {
		case ours:
			action = Updated
		case opts.Chain:
			chained := filepath.Join(opts.HooksDir, opts.Kind.ChainedName())
			if _, err := os.Lstat(chained); err == nil {
				return path, "", fmt.Errorf("%s: cannot chain, %s already exists (move one of them away): %w", path, chained, ErrHookExists)
			}
			if err := os.Rename(path, chained); err != nil {
				return path, "", fmt.Errorf("keep %s for chaining: %w", path, err)
			}
			if err := writeScript(path, script); err != nil {
				_ = os.Rename(chained, path) // put the old hook back
				return path, "", err
			}
			return path, Chained, nil
		case opts.Force:
			action = Replaced
		default:
			return path, "", fmt.Errorf("%s was not installed by secretsweep; use --chain to keep it and run it first, or --force to replace it: %w", path, ErrHookExists)
		}
	}
	if err := writeScript(path, script); err != nil {
		return path, "", err
	}
	return path, action, nil
}

// Uninstall removes the hook of kind from hooksDir if secretsweep wrote it,
// putting a chained hook back in its place. A foreign hook is left alone
// (NotOurs), a missing one is Absent; neither is an error.
func Uninstall(hooksDir string, kind Kind) (string, Action, error) {
	path := filepath.Join(hooksDir, string(kind))
	st, err := os.Lstat(path)
	if os.IsNotExist(err) {
		return path, Absent, nil
	}
	if err != nil {
		return path, "", fmt.Errorf("hook %s: %w", path, err)
	}
	ours, err := isOurFile(path, st)
	if err != nil {
		return path, "", err
	}
	if !ours {
		return path, NotOurs, nil
	}
	chained := filepath.Join(hooksDir, kind.ChainedName())
	if _, err := os.Lstat(chained); err == nil {
		if err := os.Rename(chained, path); err != nil {
			return path, "", fmt.Errorf("restore %s: %w", chained, err)
		}
		return path, Restored, nil
	}
	if err := os.Remove(path); err != nil {
		return path, "", fmt.Errorf("remove %s: %w", path, err)
	}
	return path, Removed, nil
}

// isOurFile reports whether the hook at path carries our marker. Symlinks
// (hook managers link their scripts) are never ours.
func isOurFile(path string, st os.FileInfo) (bool, error) {
	if !st.Mode().IsRegular() {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("hook %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return false, fmt.Errorf("hook %s: %w", path, err)
	}
	return IsOurs(head[:n]), nil
}

// writeScript writes an executable script atomically (temp file + rename),
// so a failed write never leaves a half-written hook.
func writeScript(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write hook: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return fmt.Errorf("write hook %s: %w", path, err)
	}
	if err := tmp.Chmod(0o755); err != nil {
		tmp.Close()
		return fmt.Errorf("write hook %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write hook %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write hook %s: %w", path, err)
	}
	return nil
}
