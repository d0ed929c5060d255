package scanner

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/gitrepo"
	"github.com/secretsweep/secretsweep/scanner/engine"
	"github.com/zricethezav/gitleaks/v8/config"
)

// session holds what one scan needs: config, engine and filters.
type session struct {
	opts     Options
	root     string
	cfg      config.Config
	engine   engine.Engine
	baseline *baseline
	ignore   map[string]bool // fingerprints, with or without commit
	// trusted is the revision settings were read from, when one was.
	trusted *trusted
	// warnings about settings, added to the result's.
	warnings []string
	// minConf is the confidence threshold: Options.MinConfidence, else the
	// config's [scan] minConfidence, else the default.
	minConf finding.Confidence
}

func newSession(opts Options) (*session, error) {
	// A symlink given as the root is scanned as the directory it names;
	// symlinks inside the tree follow FollowSymlinks. A single file keeps
	// the name it was given.
	root, err := gitrepo.Resolve(opts.Path)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("path %s: %w", opts.Path, unwrapPathErr(err))
	} else if !st.IsDir() && opts.Mode == ModeDir {
		if root, err = filepath.Abs(opts.Path); err != nil {
			return nil, fmt.Errorf("path %s: %w", opts.Path, err)
		}
	}
	s := &session{opts: opts, root: root}
	src, cleanup, err := s.settingsSource()
	if err != nil {
		return nil, err
	}
	defer cleanup()
	if opts.ConfigPath != "" {
		s.cfg, err = engine.LoadConfigFile(opts.ConfigPath)
	} else {
		s.cfg, err = engine.LoadConfigFrom(src)
	}
	if err != nil {
		return nil, err
	}
	if s.minConf = opts.MinConfidence; s.minConf == "" {
		if s.minConf, err = s.minConfidenceSetting(src); err != nil {
			return nil, err
		}
	} else if !s.minConf.Valid() {
		return nil, fmt.Errorf("min confidence: %q is not high, medium or low", opts.MinConfidence)
	}
	if s.minConf == "" {
		s.minConf = finding.DefaultMinConfidence
	}
	s.engine = engine.New(s.cfg, engine.Options{MaxDecodeDepth: opts.MaxDecodeDepth, NoWindows: opts.NoWindows, Hasher: opts.Hasher})
	parseBL := func(data []byte, label string) (*baseline, error) { return parseBaseline(data, label, opts.Hasher) }
	switch {
	case opts.BaselinePath != "":
		s.baseline, err = loadBaseline(opts.BaselinePath, opts.Hasher)
	case opts.BaselineName != "":
		s.baseline, err = readSetting(src, opts.BaselineName, parseBL)
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
func readSetting[T any](src engine.Settings, name string, parse func(data []byte, label string) (T, error)) (T, error) {
	data, ok, err := src.Read(name)
	if err != nil || !ok {
		var zero T
		return zero, err
	}
	return parse(data, src.Label(name))
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// baseline holds the findings of a previous report, keyed by rule, file
// and secret hash, not by line, so moved code does not alert again.
type baseline struct {
	keyed map[string]bool // hashes made with the current key
	// plain holds the SHA-256 of secrets from reports written before keyed
	// hashes (SecretSHA256) or holding the secret (gitleaks' reports). A
	// finding is looked up by the plain SHA-256 of its secret, computed in
	// memory and dropped.
	plain map[string]bool
}

func baselineKey(f *Finding, hash string) string {
	return f.RuleID + "\x00" + f.File + "\x00" + hash
}

// has reports whether f (unredacted, with its keyed hash) is in the baseline.
func (b *baseline) has(f *Finding) bool {
	if f.SecretHash != "" && b.keyed[baselineKey(f, f.SecretHash)] {
		return true
	}
	return len(b.plain) > 0 && f.Secret != "" && !f.Redacted() &&
		b.plain[baselineKey(f, finding.PlainSHA256(f.Secret))]
}

// loadBaseline reads a previous JSON report (ours, one written before keyed
// hashes, or gitleaks'). Hashes made with another key than h's are an
// error: they would silently match nothing.
func loadBaseline(path string, h finding.Hasher) (*baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	return parseBaseline(data, path, h)
}

// parseBaseline parses a JSON report; label names it in errors.
func parseBaseline(data []byte, label string, h finding.Hasher) (*baseline, error) {
	fs, err := finding.ReadJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", label, err)
	}
	if err := h.CheckFindings(fs); err != nil {
		return nil, fmt.Errorf("baseline %s: %w", label, err)
	}
	b := &baseline{keyed: map[string]bool{}, plain: map[string]bool{}}
	for i := range fs {
		f := &fs[i]
		switch {
		case f.SecretHash != "":
			b.keyed[baselineKey(f, f.SecretHash)] = true
		case f.SecretSHA256 != "" && finding.IsPlainSHA256(f.SecretSHA256):
			b.plain[baselineKey(f, strings.ToLower(f.SecretSHA256))] = true
		case f.Secret != "" && f.Secret != finding.RedactedValue:
			b.plain[baselineKey(f, finding.PlainSHA256(f.Secret))] = true
		default:
			return nil, fmt.Errorf("baseline %s: finding %q has no SecretHash, no SecretSHA256 and no unredacted Secret", label, f.Fingerprint)
		}
	}
	return b, nil
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

// filter drops findings named in the ignore file or present in the
// baseline, and returns the secrets of those it dropped (withheld: they
// must still be redacted from the findings kept).
func (s *session) filter(fs []Finding) (kept []Finding, withheld []string) {
	out := fs[:0]
	for _, f := range fs {
		if commitAllowed(&s.cfg, &f) {
			withheld = append(withheld, f.Secret)
			continue
		}
		if s.ignore != nil {
			global := f.File + ":" + f.RuleID + ":" + strconv.Itoa(f.StartLine)
			if s.ignore[f.Fingerprint] || s.ignore[global] {
				withheld = append(withheld, f.Secret)
				continue
			}
		}
		if s.baseline != nil && s.baseline.has(&f) {
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
