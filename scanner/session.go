package scanner

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/zricethezav/gitleaks/v8/config"
)

// session holds what one scan needs: config, engine and filters.
type session struct {
	opts     Options
	root     string
	cfg      config.Config
	engine   Engine
	baseline map[string]bool // keys from baselineKey
	ignore   map[string]bool // fingerprints, with or without commit
}

func newSession(opts Options) (*session, error) {
	root, err := filepath.Abs(opts.Path)
	if err != nil {
		return nil, fmt.Errorf("path %s: %w", opts.Path, err)
	}
	if _, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("path %s: %w", opts.Path, unwrapPathErr(err))
	}
	s := &session{opts: opts, root: root}
	cfgRoot := root
	if opts.Mode != ModeDir {
		if top, err := repoTop(root); err == nil {
			cfgRoot = top
		}
	} else if st, err := os.Stat(root); err == nil && !st.IsDir() {
		cfgRoot = filepath.Dir(root)
	}
	if s.cfg, err = LoadConfig(opts.ConfigPath, cfgRoot); err != nil {
		return nil, err
	}
	s.engine = NewEngine(s.cfg, EngineOptions{MaxDecodeDepth: opts.MaxDecodeDepth, NoWindows: opts.NoWindows})
	if s.baseline, err = loadBaseline(opts.BaselinePath); err != nil {
		return nil, err
	}
	ignorePath, explicit := opts.IgnorePath, opts.IgnorePath != ""
	if !explicit {
		ignorePath = filepath.Join(cfgRoot, ".gitleaksignore")
	}
	if s.ignore, err = loadIgnore(ignorePath, explicit); err != nil {
		return nil, err
	}
	return s, nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// baselineKey matches findings by rule, file and secret hash, not by line,
// so moved code does not alert again.
func baselineKey(f *Finding) string {
	return f.RuleID + "\x00" + f.File + "\x00" + f.SecretSHA256
}

// loadBaseline reads a previous JSON report (ours or gitleaks').
func loadBaseline(path string) (map[string]bool, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var fs []Finding
	if err := json.Unmarshal(data, &fs); err != nil {
		return nil, fmt.Errorf("baseline %s: not a JSON report: %v", path, err)
	}
	keys := map[string]bool{}
	for i := range fs {
		f := &fs[i]
		if f.SecretSHA256 == "" {
			if f.Secret == "" || f.Secret == finding.RedactedValue {
				return nil, fmt.Errorf("baseline %s: finding %q has neither SecretSHA256 nor an unredacted Secret", path, f.Fingerprint)
			}
			f.SecretSHA256 = finding.SecretHash(f.Secret)
		}
		keys[baselineKey(f)] = true
	}
	return keys, nil
}

// loadIgnore reads a .gitleaksignore file: one fingerprint per line,
// "#" comments. A missing default file is fine; a missing explicit one is not.
func loadIgnore(path string, explicit bool) (map[string]bool, error) {
	file, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) && !explicit {
			return nil, nil
		}
		return nil, fmt.Errorf("ignore file: %w", err)
	}
	defer file.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out[strings.ReplaceAll(line, "\\", "/")] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ignore file %s: %w", path, err)
	}
	return out, nil
}

// filter drops findings named in the ignore file or present in the
// baseline, and returns the secrets of those it dropped (withheld: they
// must still be redacted from the findings kept).
func (s *session) filter(fs []Finding) (kept []Finding, withheld []string) {
	out := fs[:0]
	for _, f := range fs {
		if s.ignore != nil {
			global := f.File + ":" + f.RuleID + ":" + strconv.Itoa(f.StartLine)
			if s.ignore[f.Fingerprint] || s.ignore[global] {
				withheld = append(withheld, f.Secret)
				continue
			}
		}
		if s.baseline != nil && s.baseline[baselineKey(&f)] {
			withheld = append(withheld, f.Secret)
			continue
		}
		out = append(out, f)
	}
	return out, withheld
}

// sortFindings orders findings by file, line, column, rule and commit so
// reports are stable.
func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.StartLine != b.StartLine {
			return a.StartLine < b.StartLine
		}
		if a.StartColumn != b.StartColumn {
			return a.StartColumn < b.StartColumn
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Commit < b.Commit
	})
}
