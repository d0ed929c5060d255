package scanner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/secretsweep/secretsweep/scanner/engine"
)

// dirFile is a file of a working tree to scan.
type dirFile struct {
	abs, rel string
	symlink  string // the link's own path when the file was reached through one
}

// scanDir scans the files under the session root, skipping .git.
//
// Content that cannot be read is never passed over silently. A file named
// as the path (not a directory) that cannot be read, or is not a regular
// file, is an error. In a walk, files and directories that cannot be read
// (permissions, I/O errors, paths past PATH_MAX) make the scan incomplete:
// the findings of the rest are returned with an IncompleteError, unless
// AllowMissing, which turns them into counted warnings.
func (s *session) scanDir(ctx context.Context) (*Result, error) {
	res := &Result{}
	var (
		mu     sync.Mutex
		files  = make(chan dirFile, 256)
		wg     sync.WaitGroup
		unread []string // "path: why", one per file or directory
	)
	warn := func(msg string) {
		mu.Lock()
		res.Stats.Warnings = append(res.Stats.Warnings, msg)
		mu.Unlock()
	}
	cannotRead := func(rel string, err error) {
		mu.Lock()
		unread = append(unread, oneLine(fmt.Sprintf("%s: %v", shortPath(rel), unwrapPathErr(err))))
		mu.Unlock()
	}
	for i := 0; i < s.opts.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range files {
				found, st, err := s.scanFile(ctx, f)
				mu.Lock()
				res.Findings = append(res.Findings, found...)
				res.Stats.Files += st.Files
				res.Stats.SkippedBinary += st.SkippedBinary
				res.Stats.SkippedLarge += st.SkippedLarge
				res.Stats.SkippedOther += st.SkippedOther
				res.Stats.Warnings = append(res.Stats.Warnings, st.Warnings...)
				mu.Unlock()
				if err != nil {
					cannotRead(f.rel, err)
				}
			}
		}()
	}
	explicit, walkErr := s.walk(ctx, files, warn, cannotRead, func() {
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
	if len(unread) == 0 {
		return res, nil
	}
	sort.Strings(unread)
	if explicit {
		return nil, fmt.Errorf("cannot read %s: %s", s.opts.Path, strings.SplitN(unread[0], ": ", 2)[1])
	}
	if s.opts.AllowMissing {
		res.Stats.SkippedOther += len(unread)
		for _, u := range unread {
			res.Stats.Warnings = append(res.Stats.Warnings, "cannot read "+u)
		}
		return res, nil
	}
	res.Stats.Unreadable = len(unread)
	for i, u := range unread {
		if i == maxErrorLines {
			res.Stats.Errors = append(res.Stats.Errors, fmt.Sprintf("… and %d more files that could not be read", len(unread)-i))
			break
		}
		res.Stats.Errors = append(res.Stats.Errors, "cannot read "+u)
	}
	return res, &IncompleteError{Unreadable: len(unread), What: "files", First: unread[0],
		Hint: "--allow-missing skips unreadable files with a warning"}
}

// walk sends every regular file under the root to files; explicit is true
// when the root is a file rather than a directory.
func (s *session) walk(ctx context.Context, files chan<- dirFile, warn func(string), cannotRead func(string, error), skipped func()) (explicit bool, err error) {
	st, err := os.Stat(s.root)
	if err != nil {
		return false, err
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			// Opening a FIFO would block; a device would never end.
			return true, fmt.Errorf("%s: not a regular file (%s)", s.opts.Path, fileKind(st.Mode()))
		}
		files <- dirFile{abs: s.root, rel: filepath.Base(s.root)}
		return true, nil
	}
	return false, filepath.WalkDir(s.root, func(path string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		rel, _ := filepath.Rel(s.root, path)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && path != s.root {
				// Removed between listing and reading: nothing left to scan.
				warn(fmt.Sprintf("skipped %s: removed during the scan", shortPath(rel)))
				skipped()
			} else {
				cannotRead(rel, err)
			}
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
				warn(fmt.Sprintf("skipped symlink %s: target outside the tree or missing", shortPath(rel)))
				skipped()
				return nil
			}
			ts, err := os.Stat(target)
			if err != nil {
				cannotRead(rel, err)
				return nil
			}
			if !ts.Mode().IsRegular() {
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

// fileKind names a file mode's type for an error message.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "type " + m.Type().String()
}

// within reports whether path lies inside root (both absolute, cleaned).
func within(root, path string) bool {
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// scanFile reads and scans one file, counting what it skips; err reports
// a file that could not be read.
func (s *session) scanFile(ctx context.Context, f dirFile) ([]Finding, Stats, error) {
	var st Stats
	fh, err := os.Open(f.abs)
	if err != nil {
		return nil, st, err
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, st, err
	}
	pathFindings := s.engine.ScanPath(ctx, f.rel)
	if s.opts.MaxFileSize > 0 && info.Size() > s.opts.MaxFileSize {
		st.SkippedLarge++
		return pathFindings, st, nil
	}
	data, err := io.ReadAll(fh)
	if err != nil {
		return nil, st, err
	}
	if d, ok := fromUTF16(data); ok {
		data = d
	}
	if isBinary(data) {
		st.SkippedBinary++
		return pathFindings, st, nil
	}
	st.Files++
	found, capped := s.engine.ScanLimit(ctx, engine.Fragment{Path: f.rel, Text: string(data), StartLine: 1, SymlinkFile: f.symlink}, s.opts.MaxFindingsPerFile)
	if capped {
		st.Warnings = append(st.Warnings, cappedWarning(f.rel, s.opts.MaxFindingsPerFile))
	}
	return append(pathFindings, found...), st, nil
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
