package action

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/viper"

	"github.com/secretsweep/secretsweep/scanner/hook"
)

// The files at the repository root that steer a scan.
var (
	configNames = []string{".secretsweep.toml", ".gitleaks.toml"}
	ignoreName  = ".gitleaksignore"
)

// maxConfigBytes bounds a configuration file read from git.
const maxConfigBytes = 4 << 20

// defaultConfig selects the default rules; it is written when the trusted
// commit has no configuration file, so that the scanner does not pick up a
// file from the checked-out (untrusted) working tree.
const defaultConfig = "# secretsweep action: the trusted commit has no configuration; default rules\n[extend]\nuseDefault = true\n"

// trusted is the configuration of a scan, read from the trusted commit
// (the base of a pull request, the previous tip of a pushed branch) and
// written to files outside the working tree.
type trusted struct {
	ConfigPath, IgnorePath, BaselinePath string
	// Notes are lines for the job summary (configuration the range changes,
	// inputs the trusted commit lacks).
	Notes []string
}

// trustedFiles reads the configuration, ignore file and baseline that
// apply to a scan from commit rev and writes them under dir. head, when set,
// is the scanned tip: each file it changes is named in a note.
//
// Paths given as inputs (config, baseline) inside the workspace are read
// from rev too; paths outside it (written by an earlier step of the job)
// are used as they are.
func trustedFiles(r *git.Repository, workspace, rev, head, dir, configInput, baselineInput string) (*trusted, error) {
	base, err := commitTree(r, rev)
	if err != nil {
		return nil, err
	}
	var headTree *object.Tree
	if head != "" && head != rev {
		if headTree, err = commitTree(r, head); err != nil {
			return nil, err
		}
	}
	t := &trusted{}
	rd := &treeReader{base: base, head: headTree, dir: dir, rev: rev}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}

	// Configuration.
	switch rel, inside := repoRelative(workspace, configInput); {
	case configInput != "" && !inside:
		t.ConfigPath = configInput
	case configInput != "":
		p, ok, err := rd.materialize(rel)
		if err != nil {
			return nil, err
		}
		if ok {
			t.ConfigPath = p
		} else {
			t.Notes = append(t.Notes, fmt.Sprintf("The config input `%s` does not exist in the trusted commit %s; the default rules were used.", rel, short(rev)))
		}
	default:
		for _, name := range configNames {
			p, ok, err := rd.materialize(name)
			if err != nil {
				return nil, err
			}
			if ok {
				t.ConfigPath = p
				break
			}
		}
	}
	if t.ConfigPath == "" {
		p := filepath.Join(dir, "default.toml")
		if err := os.WriteFile(p, []byte(defaultConfig), 0o600); err != nil {
			return nil, err
		}
		t.ConfigPath = p
	}

	// Ignore file: always explicit, so the working tree's is never read.
	p, ok, err := rd.materialize(ignoreName)
	if err != nil {
		return nil, err
	}
	if !ok {
		p = filepath.Join(dir, "empty.gitleaksignore")
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			return nil, err
		}
	}
	t.IgnorePath = p

	// Baseline: the input, else the conventional file the hooks honour.
	if baselineInput == "" {
		p, ok, err := rd.materialize(hook.BaselineFile)
		if err != nil {
			return nil, err
		}
		if ok {
			t.BaselinePath = p
		}
	} else {
		if rel, inside := repoRelative(workspace, baselineInput); !inside {
			t.BaselinePath = baselineInput
		} else if p, ok, err := rd.materialize(rel); err != nil {
			return nil, err
		} else if ok {
			t.BaselinePath = p
		} else {
			t.Notes = append(t.Notes, fmt.Sprintf("The baseline `%s` does not exist in the trusted commit %s and was not used.", rel, short(rev)))
		}
	}
	if len(rd.changed) > 0 {
		t.Notes = append(t.Notes, fmt.Sprintf(
			"The scanned commits change %s. The scan used the version%s from the trusted commit %s: changes to the configuration apply once they are merged, so a change cannot allowlist its own leak.",
			codeList(rd.changed), plural(len(rd.changed)), short(rev)))
	}
	return t, nil
}

// treeReader copies files of the trusted tree to dir, keeping their
// relative paths (so that a config's relative [extend] path resolves to a
// file of the same tree), and records which of them head changes.
type treeReader struct {
	base, head *object.Tree
	dir, rev   string
	changed    []string
	seen       map[string]bool
}

// materialize writes the trusted version of rel (a slash path) under dir;
// ok is false when the trusted tree has no such file. A TOML file's
// [extend] path inside the repository is materialized too.
func (rd *treeReader) materialize(rel string) (string, bool, error) {
	return rd.materializeDepth(rel, 0)
}

func (rd *treeReader) materializeDepth(rel string, depth int) (string, bool, error) {
	rd.noteChange(rel)
	data, ok, err := readFile(rd.base, rel, maxConfigBytes)
	if err != nil || !ok {
		return "", ok, err
	}
	p := filepath.Join(rd.dir, "tree", filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return "", false, err
	}
	if err := os.WriteFile(p, data, 0o600); err != nil {
		return "", false, err
	}
	if strings.HasSuffix(rel, ".toml") && depth < 2 {
		if ext := extendPath(data); ext != "" && !filepath.IsAbs(ext) {
			target := path.Clean(path.Join(path.Dir(rel), filepath.ToSlash(ext)))
			if !strings.HasPrefix(target, "../") && target != ".." {
				if _, _, err := rd.materializeDepth(target, depth+1); err != nil {
					return "", false, err
				}
			}
		}
	}
	return p, true, nil
}

// noteChange records rel when the scanned head's version differs from the
// trusted one (added, removed or modified).
func (rd *treeReader) noteChange(rel string) {
	if rd.head == nil {
		return
	}
	if rd.seen == nil {
		rd.seen = map[string]bool{}
	}
	if rd.seen[rel] {
		return
	}
	rd.seen[rel] = true
	if blobID(rd.base, rel) != blobID(rd.head, rel) {
		rd.changed = append(rd.changed, rel)
	}
}

// extendPath returns a gitleaks config's [extend] path, if any.
func extendPath(data []byte) string {
	v := viper.New()
	v.SetConfigType("toml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return "" // the scanner reports the invalid file
	}
	return v.GetString("extend.path")
}

func commitTree(r *git.Repository, rev string) (*object.Tree, error) {
	c, err := r.CommitObject(plumbing.NewHash(rev))
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", short(rev), err)
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read the tree of commit %s: %w", short(rev), err)
	}
	return t, nil
}

// blobID is the blob at rel in t, or the zero hash.
func blobID(t *object.Tree, rel string) plumbing.Hash {
	e, err := t.FindEntry(rel)
	if err != nil || !e.Mode.IsFile() {
		return plumbing.ZeroHash
	}
	return e.Hash
}

// readFile reads the regular file rel of t, refusing files over max bytes.
func readFile(t *object.Tree, rel string, max int64) ([]byte, bool, error) {
	e, err := t.FindEntry(rel)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", rel, err)
	}
	if !e.Mode.IsFile() {
		return nil, false, nil
	}
	f, err := t.TreeEntryFile(e)
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", rel, err)
	}
	if f.Size > max {
		return nil, false, fmt.Errorf("%s is larger than %d MiB", rel, max>>20)
	}
	s, err := f.Contents()
	if err != nil {
		return nil, false, fmt.Errorf("read %s: %w", rel, err)
	}
	return []byte(s), true, nil
}

// repoRelative returns p relative to the workspace as a slash path, and
// whether p is inside it. A relative p is relative to the workspace.
func repoRelative(workspace, p string) (string, bool) {
	if p == "" {
		return "", false
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(workspace, p)
	}
	ws, err1 := filepath.Abs(workspace)
	abs, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(ws, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func codeList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + strings.ReplaceAll(n, "`", "'") + "`"
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " and " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
