package migrate

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// dirtyFiles returns the files this run would write that hold uncommitted
// changes (modified, staged or untracked), so that the rewrite never mixes
// with the user's own edits. A file whose content is what this tool wrote
// or will write (an interrupted run's output, a helper) does not count.
// changed holds the repository's files with uncommitted changes (Git.Changed).
func dirtyFiles(p *Plan, journal []JournalEntry, h interface{ Sum(string) string }, changed map[string]bool) []string {
	ours := map[string]bool{} // path + "\x00" + content hash this tool wrote
	for _, e := range journal {
		if e.Step == StepFileRewritten && e.FileHash != "" {
			ours[e.File+"\x00"+e.FileHash] = true
		}
	}
	var out []string
	check := func(rel string, ourContent []byte) {
		if !changed[rel] {
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
	return dedupe(out)
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
