package hook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	gitconfig "github.com/go-git/go-git/v5/plumbing/format/config"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// ErrNotRepository is returned when no git repository contains the path.
var ErrNotRepository = gitrepo.ErrNotRepository

// Repo is a located repository (root, git directory, common directory)
// with the questions hooks ask about it.
type Repo struct {
	gitrepo.Repo
}

// FindRepo locates the repository containing start, walking up the
// directory tree like git does (gitrepo.Find: linked worktrees, submodules
// and bare repositories included).
func FindRepo(start string) (*Repo, error) {
	r, err := gitrepo.Find(start)
	if err != nil {
		return nil, err
	}
	return &Repo{*r}, nil
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
