package hook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gitconfig "github.com/go-git/go-git/v5/plumbing/format/config"
)

// ErrNotRepository is returned when no git repository contains the path.
var ErrNotRepository = errors.New("not a git repository (or any parent directory)")

// Repo holds the directories of a repository.
type Repo struct {
	// Root is the top of the working tree; empty for a bare repository.
	Root string
	// GitDir is the repository's git directory (a linked worktree has its own).
	GitDir string
	// CommonDir is the directory shared by all worktrees (hooks, config, objects).
	CommonDir string
}

// FindRepo locates the repository containing start, walking up the
// directory tree like git does. A ".git" file (linked worktree, submodule)
// is followed to its git directory.
func FindRepo(start string) (*Repo, error) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return nil, fmt.Errorf("path %s: %w", start, err)
	}
	for {
		dotgit := filepath.Join(dir, ".git")
		st, err := os.Stat(dotgit)
		switch {
		case err == nil && st.IsDir():
			return newRepo(dir, dotgit)
		case err == nil && st.Mode().IsRegular():
			gd, err := readGitFile(dotgit)
			if err != nil {
				return nil, err
			}
			return newRepo(dir, gd)
		}
		if isGitDir(dir) {
			return newRepo("", dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, fmt.Errorf("%s: %w", start, ErrNotRepository)
		}
		dir = parent
	}
}

func newRepo(root, gitDir string) (*Repo, error) {
	r := &Repo{Root: root, GitDir: gitDir, CommonDir: gitDir}
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if err == nil {
		cd := strings.TrimSpace(string(data))
		if !filepath.IsAbs(cd) {
			cd = filepath.Join(gitDir, cd)
		}
		r.CommonDir = filepath.Clean(cd)
	} else if !os.IsNotExist(err) {
		return nil, fmt.Errorf("read %s: %w", filepath.Join(gitDir, "commondir"), err)
	}
	return r, nil
}

// readGitFile reads a ".git" file of the form "gitdir: <path>".
func readGitFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	line := strings.TrimSpace(string(data))
	gd, ok := strings.CutPrefix(line, "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: not a gitdir file", path)
	}
	gd = strings.TrimSpace(gd)
	if !filepath.IsAbs(gd) {
		gd = filepath.Join(filepath.Dir(path), gd)
	}
	return filepath.Clean(gd), nil
}

// isGitDir reports whether dir looks like a (bare) git directory.
func isGitDir(dir string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

// HooksDir returns the directory git runs this repository's hooks from:
// core.hooksPath when set (system, global, local and worktree config, last
// one wins; "~/" expanded; a relative path is relative to the working tree
// root, as git runs hooks from there), else <common dir>/hooks. getenv
// reads HOME, XDG_CONFIG_HOME, GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM and
// GIT_CONFIG_NOSYSTEM; nil means os.Getenv. [include] sections are not
// followed.
func (r *Repo) HooksDir(getenv func(string) string) (string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	hp, err := r.configValue(getenv, "core", "hookspath")
	if err != nil {
		return "", err
	}
	if hp == "" {
		return filepath.Join(r.CommonDir, "hooks"), nil
	}
	if rest, ok := strings.CutPrefix(hp, "~/"); ok || hp == "~" {
		home := getenv("HOME")
		if home == "" {
			return "", fmt.Errorf("core.hooksPath %q: HOME is not set", hp)
		}
		hp = filepath.Join(home, rest)
	}
	if !filepath.IsAbs(hp) {
		base := r.Root
		if base == "" {
			base = r.GitDir
		}
		hp = filepath.Join(base, hp)
	}
	return filepath.Clean(hp), nil
}

// configValue returns the last value of section.key across the config
// files git reads, in git's order.
func (r *Repo) configValue(getenv func(string) string, section, key string) (string, error) {
	var files []string
	if getenv("GIT_CONFIG_NOSYSTEM") == "" {
		sys := getenv("GIT_CONFIG_SYSTEM")
		if sys == "" {
			sys = "/etc/gitconfig"
		}
		files = append(files, sys)
	}
	if g := getenv("GIT_CONFIG_GLOBAL"); g != "" {
		files = append(files, g)
	} else {
		home, xdg := getenv("HOME"), getenv("XDG_CONFIG_HOME")
		if xdg == "" && home != "" {
			xdg = filepath.Join(home, ".config")
		}
		if xdg != "" {
			files = append(files, filepath.Join(xdg, "git", "config"))
		}
		if home != "" {
			files = append(files, filepath.Join(home, ".gitconfig"))
		}
	}
	local := filepath.Join(r.CommonDir, "config")
	files = append(files, local)
	value, found := "", false
	for i := 0; i < len(files); i++ { // the local config may add config.worktree
		f := files[i]
		cfg, err := readConfig(f)
		if err != nil {
			return "", err
		}
		if cfg == nil {
			continue
		}
		if v, ok := lookup(cfg, section, key); ok {
			value, found = v, true
		}
		if f == local {
			if wc, _ := lookup(cfg, "extensions", "worktreeconfig"); strings.EqualFold(wc, "true") {
				files = append(files, filepath.Join(r.GitDir, "config.worktree"))
			}
		}
	}
	if !found {
		return "", nil
	}
	return value, nil
}

// readConfig parses one git config file; a missing file is nil, nil.
func readConfig(path string) (*gitconfig.Config, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) || errors.Is(err, os.ErrPermission) {
			return nil, nil
		}
		return nil, fmt.Errorf("git config %s: %w", path, err)
	}
	defer f.Close()
	cfg := gitconfig.New()
	if err := gitconfig.NewDecoder(f).Decode(cfg); err != nil {
		return nil, fmt.Errorf("git config %s: %w", path, err)
	}
	return cfg, nil
}

// lookup returns the last value of section.key (no subsection) in cfg.
func lookup(cfg *gitconfig.Config, section, key string) (string, bool) {
	value, found := "", false
	for _, s := range cfg.Sections {
		if !s.IsName(section) {
			continue
		}
		for _, o := range s.Options {
			if o.IsKey(key) {
				value, found = o.Value, true
			}
		}
	}
	return value, found
}
