package remediate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// The default audit log claims the state directory: excluded from git
// once, in the repository holding the scanned subdirectory, and locked.
func TestOpenDefaultAuditLog(t *testing.T) {
	root := t.TempDir()
	if _, err := git.PlainInit(root, false); err != nil {
		t.Fatal(err)
	}
	ex := filepath.Join(root, ".git", "info", "exclude")
	if err := os.MkdirAll(filepath.Dir(ex), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ex, []byte("# git ls-files --others --exclude-from=.git/info/exclude\n*.log"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, "services", "billing")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // idempotent
		log, err := OpenDefaultAuditLog(sub)
		if err != nil {
			t.Fatal(err)
		}
		if log.Path() != DefaultAuditLog(sub) {
			t.Errorf("path %s, want %s", log.Path(), DefaultAuditLog(sub))
		}
		if _, err := OpenDefaultAuditLog(sub); !errors.Is(err, gitrepo.ErrStateBusy) {
			t.Errorf("a second remediation opened the log while it is in use: %v", err)
		}
		log.Close()
	}
	b, _ := os.ReadFile(ex)
	if !strings.HasSuffix(string(b), "*.log\n# secretsweep state (migrate journal, remediate audit log)\n.secretsweep/\n") || strings.Count(string(b), ".secretsweep/") != 1 {
		t.Fatalf("exclude file:\n%s", b)
	}
	log, err := OpenDefaultAuditLog(t.TempDir())
	if err != nil {
		t.Fatalf("outside a repository: %v", err)
	}
	log.Close()
}

func TestAuditLogDoneAndBadLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logs", "audit.jsonl")
	log, err := OpenAuditLog(path)
	if err != nil {
		t.Fatal(err)
	}
	c := candidate("npm-access-token", "npm_FAKEEXAMPLE0000000000000000000000000")
	now := func() time.Time { return time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC) }
	rec := &recorder{log: log, now: now, c: c, rotator: "npm-token"}
	rec.Step("npm:DELETE", "npm token x", os.ErrPermission)
	rec.close(Result{Status: StatusFailed, Err: os.ErrPermission})
	rec.close(Result{Status: StatusDone, Target: "npm token x"})
	log.Close()
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", info.Mode())
	}
	log, err = OpenAuditLog(path)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	if r, ok := log.Done("npm-access-token", c.Hash()); !ok || r.Target != "npm token x" {
		t.Fatalf("done %v %+v", ok, r)
	}
	if _, ok := log.Done("npm-access-token", "000000000000"); ok {
		t.Fatal("unknown secret reported done")
	}
	if err := os.WriteFile(path, []byte("{not json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenAuditLog(path); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("corrupt log: %v", err)
	}
}
