package scanner

import (
	"bufio"
	"bytes"
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
	// trusted is the revision settings were read from, when one was.
	trusted *trusted
	// warnings about settings, added to the result's.
	warnings []string
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
	src, cleanup, err := s.settingsSource()
	if err != nil {
		return nil, err
	}
	defer cleanup()
	if opts.ConfigPath != "" {
		s.cfg, err = loadConfigFile(opts.ConfigPath)
	} else {
		s.cfg, err = loadConfigFrom(src)
	}
	if err != nil {
		return nil, err
	}
	s.engine = NewEngine(s.cfg, EngineOptions{MaxDecodeDepth: opts.MaxDecodeDepth, NoWindows: opts.NoWindows})
	switch {
	case opts.BaselinePath != "":
		s.baseline, err = loadBaseline(opts.BaselinePath)
	case opts.BaselineName != "":
		s.baseline, err = readSetting(src, opts.BaselineName, parseBaseline)
	}
	if err != nil {
		return nil, err
	}
	if opts.IgnorePath != "" {
		s.ignore, err = loadIgnore(opts.IgnorePath)
	} else {
		s.ignore, err = readSetting(src, ignoreFileName, parseIgnore)
	}
	if err != nil {
		return nil, err
	}
	if rs, ok := src.(*revSource); ok {
		if err := s.trust(rs); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// readSetting parses the file name of src, if it has one.
func readSetting(src settingsSource, name string, parse func(data []byte, label string) (map[string]bool, error)) (map[string]bool, error) {
	data, ok, err := src.read(name)
	if err != nil || !ok {
		return nil, err
	}
	return parse(data, src.label(name))
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
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return parseBaseline(data, path)
}

// parseBaseline parses a JSON report; label names it in errors.
func parseBaseline(data []byte, label string) (map[string]bool, error) {
	var fs []Finding
	if err := json.Unmarshal(data, &fs); err != nil {
		return nil, fmt.Errorf("baseline %s: not a JSON report: %v", label, err)
	}
	keys := map[string]bool{}
	for i := range fs {
		f := &fs[i]
		if f.SecretSHA256 == "" {
			if f.Secret == "" || f.Secret == finding.RedactedValue {
				return nil, fmt.Errorf("baseline %s: finding %q has neither SecretSHA256 nor an unredacted Secret", label, f.Fingerprint)
			}
			f.SecretSHA256 = finding.SecretHash(f.Secret)
		}
		keys[baselineKey(f)] = true
	}
	return keys, nil
}

// loadIgnore reads an explicit .gitleaksignore file, which must exist.
func loadIgnore(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ignore file: %w", err)
	}
	return parseIgnore(data, path)
}

// parseIgnore parses a .gitleaksignore file: one fingerprint per line,
// "#" comments; label names it in errors.
func parseIgnore(data []byte, label string) (map[string]bool, error) {
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out[strings.ReplaceAll(line, "\\", "/")] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ignore file %s: %w", label, err)
	}
	return out, nil
}

// filter drops findings named in the ignore file or present in the baseline.
func (s *session) filter(fs []Finding) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if s.ignore != nil {
			global := f.File + ":" + f.RuleID + ":" + strconv.Itoa(f.StartLine)
			if s.ignore[f.Fingerprint] || s.ignore[global] {
				continue
			}
		}
		if s.baseline != nil && s.baseline[baselineKey(&f)] {
			continue
		}
		out = append(out, f)
	}
	return out
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
