package scanner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests run as root, which reads files of any mode, so unreadable
// content comes from what even root cannot read: /proc/self/mem fails
// with EIO on a read at offset 0, and a path longer than PATH_MAX (built
// with *at system calls, one directory at a time) cannot be opened.

// deepFile creates dir/d…/d…/name, a path of more than PATH_MAX (4096)
// bytes, and returns its path relative to dir. (os.RemoveAll, and so
// t.TempDir's clean-up, removes it: it works relative to directory fds.)
func deepFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		t.Fatal(err)
	}
	seg := strings.Repeat("d", 200)
	var rel []string
	// Directories stay under PATH_MAX (the walk lists the last one); the
	// file's own name takes its path past it.
	for len(filepath.Join(append([]string{dir}, rel...)...))+1+len(seg) < 4000 {
		if err := syscall.Mkdirat(fd, seg, 0o755); err != nil {
			t.Fatal(err)
		}
		next, err := syscall.Openat(fd, seg, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
		syscall.Close(fd)
		if err != nil {
			t.Fatal(err)
		}
		fd = next
		rel = append(rel, seg)
	}
	defer syscall.Close(fd)
	name = strings.Repeat("n", 250-len(name)) + name
	f, err := syscall.Openat(fd, name, syscall.O_CREAT|syscall.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := syscall.Write(f, []byte(body)); err != nil {
		t.Fatal(err)
	}
	syscall.Close(f)
	return strings.Join(append(rel, name), "/")
}

// TestDirExplicitUnreadableFileFails: a file named on the command line
// that cannot be read is an error, not a warning over "no leaks".
func TestDirExplicitUnreadableFileFails(t *testing.T) {
	for _, allow := range []bool{false, true} {
		res, err := Scan(context.Background(), Options{Path: "/proc/self/mem", Mode: ModeDir, AllowMissing: allow})
		if err == nil || !strings.Contains(err.Error(), "/proc/self/mem") || !strings.Contains(err.Error(), "input/output error") {
			t.Fatalf("allow-missing %v: err = %v (result %+v), want an error naming the file", allow, err, res)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("error spans lines: %q", err)
		}
	}
}

// TestDirExplicitFIFOFails: opening a FIFO for reading blocks until a
// writer comes; a named FIFO is refused instead of hanging the scan.
func TestDirExplicitFIFOFails(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Scan(context.Background(), Options{Path: p, Mode: ModeDir})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Fatalf("err = %v, want a refusal", err)
		}
	case <-time.After(30 * time.Second):
		// Unblock the scan's open so the test can end.
		if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			f.Close()
		}
		t.Fatal("the scan of a FIFO blocked")
	}
}

// TestDirWalkUnreadableFile: a file the walk cannot read makes the scan
// incomplete (an error that names it) unless AllowMissing, and findings in
// the files that were read are still returned.
func TestDirWalkUnreadableFile(t *testing.T) {
	dir := writeTree(t, map[string]string{"app/config.py": "GITHUB = \"" + fakeGitHubPAT + "\"\n"})
	rel := deepFile(t, dir, "secret.py", "SLACK = \""+fakeSlackBot+"\"\n")
	if _, err := os.Stat(filepath.Join(dir, rel)); !errors.Is(err, syscall.ENAMETOOLONG) {
		t.Fatalf("fixture: stat of the deep file: %v, want ENAMETOOLONG", err)
	}

	res, err := Scan(context.Background(), Options{Path: dir, Mode: ModeDir, MaxDecodeDepth: 5})
	var inc *IncompleteError
	if !errors.As(err, &inc) || !errors.Is(err, ErrIncomplete) {
		t.Fatalf("err = %v, want an IncompleteError", err)
	}
	if res == nil {
		t.Fatal("no result with the incomplete error")
	}
	if got := keys(res.Findings); len(got) != 1 || got[0] != "app/config.py:1 github-pat" {
		t.Errorf("findings = %v, want the readable file's", got)
	}
	if res.Stats.Unreadable != 1 || len(res.Stats.Errors) != 1 || !strings.Contains(res.Stats.Errors[0], "secret.py") ||
		!strings.Contains(res.Stats.Errors[0], "file name too long") {
		t.Errorf("unreadable = %d, errors = %q", res.Stats.Unreadable, res.Stats.Errors)
	}
	if !strings.Contains(err.Error(), "secret.py") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q does not name the file in one line", err)
	}

	res, err = Scan(context.Background(), Options{Path: dir, Mode: ModeDir, MaxDecodeDepth: 5, AllowMissing: true})
	if err != nil {
		t.Fatalf("AllowMissing: %v", err)
	}
	if res.Stats.Unreadable != 0 || res.Stats.SkippedOther != 1 || len(res.Stats.Warnings) != 1 || !strings.Contains(res.Stats.Warnings[0], "secret.py") {
		t.Errorf("AllowMissing: unreadable = %d, skipped = %d, warnings = %q", res.Stats.Unreadable, res.Stats.SkippedOther, res.Stats.Warnings)
	}
}
