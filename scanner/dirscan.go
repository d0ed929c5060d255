package scanner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// dirFile is a file of a working tree to scan.
type dirFile struct {
	abs, rel string
	symlink  string // the link's own path when the file was reached through one
}

// scanDir scans the files under the session root, skipping .git.
func (s *session) scanDir(ctx context.Context) (*Result, error) {
	res := &Result{}
	var (
		mu    sync.Mutex
		files = make(chan dirFile, 256)
		wg    sync.WaitGroup
	)
	warn := func(msg string) {
		mu.Lock()
		res.Stats.Warnings = append(res.Stats.Warnings, msg)
		mu.Unlock()
	}
	for i := 0; i < s.opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				found, st := s.scanFile(ctx, f)
				mu.Lock()
				res.Findings = append(res.Findings, found...)
				res.Stats.Files += st.Files
				res.Stats.SkippedBinary += st.SkippedBinary
				res.Stats.SkippedLarge += st.SkippedLarge
				res.Stats.SkippedOther += st.SkippedOther
				res.Stats.Warnings = append(res.Stats.Warnings, st.Warnings...)
				mu.Unlock()
			}
		}()
	}
	walkErr := s.walk(ctx, files, warn, func() {
		mu.Lock()
		res.Stats.SkippedOther++
		mu.Unlock()
	})
	close(files)
	wg.Wait()
	if walkErr != nil {
		return nil, walkErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// walk sends every regular file under the root to files.
func (s *session) walk(ctx context.Context, files chan<- dirFile, warn func(string), skipped func()) error {
	st, err := os.Stat(s.root)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		files <- dirFile{abs: s.root, rel: filepath.Base(s.root)}
		return nil
	}
	return filepath.WalkDir(s.root, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		rel, _ := filepath.Rel(s.root, path)
		rel = filepath.ToSlash(rel)
		if err != nil {
			warn(fmt.Sprintf("cannot read %s: %v", rel, unwrapPathErr(err)))
			skipped()
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if d.Name() == ".git" && path != s.root {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			if !s.opts.FollowSymlinks {
				return nil
			}
			target, err := filepath.EvalSymlinks(path)
			if err != nil || !within(s.root, target) {
				warn(fmt.Sprintf("skipped symlink %s: target outside the tree or missing", rel))
				skipped()
				return nil
			}
			if ts, err := os.Stat(target); err != nil || !ts.Mode().IsRegular() {
				return nil
			}
			trel, _ := filepath.Rel(s.root, target)
			files <- dirFile{abs: target, rel: filepath.ToSlash(trel), symlink: rel}
		case d.Type().IsRegular():
			files <- dirFile{abs: path, rel: rel}
		}
		return nil
	})
}

// within reports whether path lies inside root (both absolute, cleaned).
func within(root, path string) bool {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// scanFile reads and scans one file, counting what it skips.
func (s *session) scanFile(ctx context.Context, f dirFile) ([]Finding, Stats) {
	var st Stats
	fh, err := os.Open(f.abs)
	if err != nil {
		st.SkippedOther++
		st.Warnings = append(st.Warnings, fmt.Sprintf("cannot read %s: %v", f.rel, unwrapPathErr(err)))
		return nil, st
	}
	defer fh.Close()
	pathFindings := s.engine.ScanPath(ctx, f.rel)
	info, err := fh.Stat()
	if err != nil {
		st.SkippedOther++
		return nil, st
	}
	if s.opts.MaxFileSize > 0 && info.Size() > s.opts.MaxFileSize {
		st.SkippedLarge++
		return pathFindings, st
	}
	data, err := io.ReadAll(fh)
	if err != nil {
		st.SkippedOther++
		st.Warnings = append(st.Warnings, fmt.Sprintf("cannot read %s: %v", f.rel, err))
		return nil, st
	}
	if isBinary(data) {
		st.SkippedBinary++
		return pathFindings, st
	}
	st.Files++
	found, capped := s.engine.ScanLimit(ctx, Fragment{Path: f.rel, Text: string(data), StartLine: 1, SymlinkFile: f.symlink}, s.opts.MaxFindingsPerFile)
	if capped {
		st.Warnings = append(st.Warnings, cappedWarning(f.rel, s.opts.MaxFindingsPerFile))
	}
	return append(pathFindings, found...), st
}

// cappedWarning says that path held more findings than the cap and was not
// scanned past it.
func cappedWarning(path string, limit int) string {
	return fmt.Sprintf("%s: more than %d findings; only the first %d are reported and the rest of the file was not scanned (--max-findings-per-file)", path, limit, limit)
}

// isBinary reports whether content looks binary: a NUL byte in its first
// 8000 bytes, as git decides.
func isBinary(data []byte) bool {
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	return bytes.IndexByte(head, 0) >= 0
}
