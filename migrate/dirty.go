package migrate

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	git "github.com/go-git/go-git/v5"
)

// dirtyFiles returns the files this run would write that hold uncommitted
// changes (modified, staged or untracked), so that the rewrite never mixes
// with the user's own edits. A file whose content is what this tool wrote
// or will write (an interrupted run's output, a helper) does not count.
// Outside a git repository nothing is dirty.
func dirtyFiles(p *Plan, journal []JournalEntry, h interface{ Sum(string) string }) ([]string, error) {
	repo, err := git.PlainOpenWithOptions(p.Root, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return nil, nil
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, err
	}
	st, err := wt.Status()
	if err != nil {
		return nil, fmt.Errorf("git status: %w", err)
	}
	ours := map[string]bool{} // path + "\x00" + content hash this tool wrote
	for _, e := range journal {
		if e.Step == StepFileRewritten && e.FileHash != "" {
			ours[e.File+"\x00"+e.FileHash] = true
		}
	}
	var out []string
	check := func(rel string, ourContent []byte) {
		fs, listed := st[rel] // st.File would invent an untracked entry
		if !listed || fs.Staging == git.Unmodified && fs.Worktree == git.Unmodified {
			return
		}
		cur, err := os.ReadFile(filepath.Join(p.Root, filepath.FromSlash(rel)))
		if err != nil {
			return // absent: nothing of the user's to mix with
		}
		if ourContent != nil && bytes.Equal(cur, ourContent) || ours[rel+"\x00"+h.Sum(string(cur))] {
			return
		}
		out = append(out, rel)
	}
	for _, fp := range p.Files {
		if fp.Change == nil {
			continue
		}
		if !bytes.Equal(fp.Change.Content, fp.Before) {
			check(fp.Path, nil)
		}
		for name, content := range fp.Change.Files {
			check(path.Join(path.Dir(fp.Path), name), content)
		}
	}
	sort.Strings(out)
	return dedupe(out), nil
}

// tempFileRE matches the temporary files writeFileAtomic creates.
var tempFileRE = regexp.MustCompile(`^\..+\.secretsweep-[0-9]+$`)

// removeStaleTemps deletes the temporary files an interrupted run left
// beside the files it was writing (this plan's files and helpers, and the
// files earlier runs journaled).
func removeStaleTemps(p *Plan, journal []JournalEntry) {
	dirs := map[string]bool{}
	for _, fp := range p.Files {
		dirs[path.Dir(fp.Path)] = true
	}
	for _, e := range journal {
		if e.File != "" {
			dirs[path.Dir(e.File)] = true
		}
		for _, f := range e.Files {
			dirs[path.Dir(f)] = true
		}
	}
	for dir := range dirs {
		if strings.HasPrefix(dir, "../") || dir == ".." {
			continue
		}
		abs := filepath.Join(p.Root, filepath.FromSlash(dir))
		entries, err := os.ReadDir(abs)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.Type().IsRegular() && tempFileRE.MatchString(e.Name()) {
				_ = os.Remove(filepath.Join(abs, e.Name()))
			}
		}
	}
}
