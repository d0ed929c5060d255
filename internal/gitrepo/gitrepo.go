// Package gitrepo is the one place secretsweep locates and opens git
// repositories: it finds a repository's directories as git does (work tree
// root, per-worktree git directory, common directory, GIT_DIR and
// GIT_WORK_TREE in hooks), claims the .secretsweep/ state directory
// (locked, and excluded from git for every worktree) and writes files
// atomically. Nothing in it runs the git binary, and it does not link
// go-git: package gitopen opens what it finds with go-git.
package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotRepository is returned when no git repository contains a path.
var ErrNotRepository = errors.New("not a git repository (or any parent directory)")

// Repo holds the directories of a repository. All are absolute and free of
// symbolic links when the repository was found by Find.
type Repo struct {
	// Root is the top of the work tree; "" for a bare repository.
	Root string
	// GitDir is the repository's git directory: HEAD and the index. A
	// linked worktree has its own (<common>/worktrees/<name>).
	GitDir string
	// CommonDir is the directory all worktrees share: objects, refs,
	// config, hooks and info/exclude. It is GitDir outside linked worktrees.
	CommonDir string
}

// Bare reports whether the repository has no work tree.
func (r *Repo) Bare() bool { return r.Root == "" }

// ObjectsDir is the directory of the repository's objects.
func (r *Repo) ObjectsDir() string { return filepath.Join(r.CommonDir, "objects") }

// IndexFile is the repository's own index (of this worktree).
func (r *Repo) IndexFile() string { return filepath.Join(r.GitDir, "index") }

// ExcludeFile is the info/exclude file git reads for every worktree.
func (r *Repo) ExcludeFile() string { return filepath.Join(r.CommonDir, "info", "exclude") }

// Resolve returns path made absolute with its symbolic links resolved, so
// a symlink given as a root is walked as the directory it names. Its error
// reads "path PATH: <reason>".
func Resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err == nil {
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return "", fmt.Errorf("path %s: %w", path, unwrapPathErr(err))
	}
	return abs, nil
}

// Find locates the repository containing start (a directory or a file),
// walking up the directories as git does: at each level a ".git" directory,
// a ".git" file ("gitdir: PATH", as linked worktrees and submodules have),
// or the directory itself being a git directory (bare repository). The
// symbolic links of start are resolved first: git sees the physical
// working directory, so a symlinked directory belongs to the repository of
// its target.
func Find(start string) (*Repo, error) { return FindEnv(start, nil) }

// FindEnv is Find honouring the variables git exports to hooks, read with
// getenv (nil: none): GIT_DIR names the git directory (git sets it for
// hooks run in linked worktrees and by "git --git-dir"), GIT_WORK_TREE the
// work tree (with GIT_DIR, else core.worktree, else start, as git does).
// Relative values are relative to start, the directory git ran the hook
// in.
func FindEnv(start string, getenv func(string) string) (*Repo, error) {
	dir, err := Resolve(start)
	if err != nil {
		return nil, err
	}
	if getenv != nil {
		if gd := getenv("GIT_DIR"); gd != "" {
			return fromEnv(dir, gd, getenv)
		}
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	for d := dir; ; {
		r, ok, err := atDir(d)
		if err != nil {
			return nil, err
		}
		if ok {
			if getenv != nil {
				if wt := getenv("GIT_WORK_TREE"); wt != "" {
					r.Root = physical(relTo(dir, wt))
				}
			}
			return r, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, fmt.Errorf("%s: %w", start, ErrNotRepository)
		}
		d = parent
	}
}

// atDir returns the repository whose work tree root or bare git
// directory is d, if any.
func atDir(d string) (*Repo, bool, error) {
	dotgit := filepath.Join(d, ".git")
	st, err := os.Stat(dotgit)
	switch {
	case err == nil && st.IsDir():
		if r, ok := gitDirRepo(d, dotgit); ok {
			return r, true, nil
		}
	case err == nil && st.Mode().IsRegular():
		gd, err := readGitFile(dotgit)
		if err != nil {
			return nil, false, err
		}
		r, ok := gitDirRepo(d, gd)
		if !ok {
			return nil, false, fmt.Errorf("%s: gitdir %s: %w", dotgit, gd, ErrNotRepository)
		}
		return r, true, nil
	}
	if r, ok := gitDirRepo("", d); ok {
		return r, true, nil
	}
	return nil, false, nil
}

// gitDirRepo returns the repository of git directory gitDir with work
// tree root, when gitDir is one: HEAD in it, objects and refs in its
// common directory.
func gitDirRepo(root, gitDir string) (*Repo, bool) {
	if _, err := os.Lstat(filepath.Join(gitDir, "HEAD")); err != nil {
		return nil, false
	}
	common, err := commonDir(gitDir)
	if err != nil {
		return nil, false
	}
	for _, name := range []string{"objects", "refs"} {
		if st, err := os.Stat(filepath.Join(common, name)); err != nil || !st.IsDir() {
			return nil, false
		}
	}
	return &Repo{Root: root, GitDir: gitDir, CommonDir: common}, true
}

// commonDir reads gitDir/commondir (linked worktrees); without it the
// common directory is gitDir itself.
func commonDir(gitDir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if errors.Is(err, os.ErrNotExist) {
		return gitDir, nil
	}
	if err != nil {
		return "", err
	}
	cd := strings.TrimSpace(string(data))
	if !filepath.IsAbs(cd) {
		cd = filepath.Join(gitDir, cd)
	}
	return physical(cd), nil
}

// readGitFile reads a ".git" file of the form "gitdir: <path>".
func readGitFile(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", path, err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	gd, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: not a gitdir file", path)
	}
	gd = strings.TrimSpace(gd)
	if !filepath.IsAbs(gd) {
		gd = filepath.Join(filepath.Dir(path), gd)
	}
	return physical(gd), nil
}

// fromEnv builds the repository a hook's GIT_DIR names.
func fromEnv(base, gitDirVar string, getenv func(string) string) (*Repo, error) {
	r, err := AtGitDir(relTo(base, gitDirVar), "")
	if err != nil {
		return nil, fmt.Errorf("GIT_DIR=%s: %w", gitDirVar, err)
	}
	if wt := getenv("GIT_WORK_TREE"); wt != "" {
		r.Root = physical(relTo(base, wt))
		return r, nil
	}
	core, err := readCore(filepath.Join(r.CommonDir, "config"))
	if err != nil {
		return nil, err
	}
	switch {
	case core.worktree != "":
		r.Root = physical(relTo(r.GitDir, core.worktree))
	case core.bare && r.GitDir == r.CommonDir:
		r.Root = ""
	default:
		r.Root = base
	}
	return r, nil
}

func relTo(base, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, p)
}

// physical resolves the symbolic links of an absolute path when it
// exists, so directories compare equal however they were named.
func physical(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return filepath.Clean(p)
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// AtGitDir returns the repository whose git directory is gitDir (a
// directory, or a ".git" file naming one) and whose work tree is root ("":
// bare), as given by a caller that already knows them (a hook's GIT_DIR).
func AtGitDir(gitDir, root string) (*Repo, error) {
	gd, err := filepath.Abs(gitDir)
	if err != nil {
		return nil, err
	}
	gd = physical(gd)
	if st, err := os.Stat(gd); err == nil && st.Mode().IsRegular() {
		if gd, err = readGitFile(gd); err != nil {
			return nil, err
		}
	}
	r, ok := gitDirRepo("", gd)
	if !ok {
		return nil, fmt.Errorf("%s: %w", gitDir, ErrNotRepository)
	}
	if root != "" {
		if root, err = filepath.Abs(root); err != nil {
			return nil, err
		}
		r.Root = physical(root)
	}
	return r, nil
}
