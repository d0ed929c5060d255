package remediate

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"

	"github.com/secretsweep/secretsweep/internal/finding"
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
		log, err := OpenDefaultAuditLog(sub, testHasher)
		if err != nil {
			t.Fatal(err)
		}
		if log.Path() != DefaultAuditLog(sub) {
			t.Errorf("path %s, want %s", log.Path(), DefaultAuditLog(sub))
		}
		if _, err := OpenDefaultAuditLog(sub, testHasher); !errors.Is(err, gitrepo.ErrStateBusy) {
			t.Errorf("a second remediation opened the log while it is in use: %v", err)
		}
		log.Close()
	}
	b, _ := os.ReadFile(ex)
	if !strings.HasSuffix(string(b), "*.log\n# secretsweep state (migrate journal, remediate audit log)\n.secretsweep/\n") || strings.Count(string(b), ".secretsweep/") != 1 {
		t.Fatalf("exclude file:\n%s", b)
	}
	log, err := OpenDefaultAuditLog(t.TempDir(), testHasher)
	if err != nil {
		t.Fatalf("outside a repository: %v", err)
	}
	log.Close()
}

func TestAuditLogDoneAndBadLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logs", "audit.jsonl")
	log, err := OpenAuditLog(path, testHasher)
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
	log, err = OpenAuditLog(path, testHasher)
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	if r, ok := log.Done(c); !ok || r.Target != "npm token x" {
		t.Fatalf("done %v %+v", ok, r)
	}
	if _, ok := log.Done(candidate("npm-access-token", "npm_FAKEOTHER00000000000000000000000000")); ok {
		t.Fatal("unknown secret reported done")
	}
	if err := os.WriteFile(path, []byte("{not json\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenAuditLog(path, testHasher); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("corrupt log: %v", err)
	}
}

// TestAuditLogKeys: records name secrets by their keyed hash and key id,
// never by a plain SHA-256; a log written before keyed hashes (plain
// SHA-256 prefixes) still tells what was finished, so nothing is rotated
// twice; a log written with another key is an error naming both key ids.
func TestAuditLogKeys(t *testing.T) {
	const secret = "npm_FAKEEXAMPLE1111111111111111111111111"
	c := candidate("npm-access-token", secret)
	otherKey, err := finding.NewHasher([]byte("FAKE-audit-other-key-00000000000"))
	if err != nil {
		t.Fatal(err)
	}
	line := func(r AuditRecord) string {
		r.Time, r.Fingerprint, r.Rule, r.Rotator, r.Action, r.Result, r.Target =
			time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), c.Finding.Fingerprint, "npm-access-token", "npm-token", ActionRemediate, string(StatusDone), "npm token"
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		return string(b) + "\n"
	}
	for _, tc := range []struct {
		name     string
		log      string
		wantDone bool
		wantErr  []string
	}{
		{"keyed, same key", line(AuditRecord{SecretHash: c.Hash(), HashKeyID: testHasher.KeyID()}), true, nil},
		{"plain SHA-256 prefix", line(AuditRecord{SHA256Prefix: finding.PlainSHA256(secret)[:12]}), true, nil},
		{"plain prefix of another secret", line(AuditRecord{SHA256Prefix: finding.PlainSHA256(secret + "x")[:12]}), false, nil},
		{"another key", line(AuditRecord{SecretHash: finding.ShortHash(otherKey.Sum(secret)), HashKeyID: otherKey.KeyID()}), false,
			[]string{"line 1", "key id " + otherKey.KeyID(), testHasher.KeyID()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			if err := os.WriteFile(path, []byte(tc.log), 0o600); err != nil {
				t.Fatal(err)
			}
			log, err := OpenAuditLog(path, testHasher)
			if tc.wantErr != nil {
				if err == nil {
					log.Close()
					t.Fatal("no error")
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer log.Close()
			if _, done := log.Done(c); done != tc.wantDone {
				t.Errorf("Done = %v, want %v", done, tc.wantDone)
			}
			rec := &recorder{log: log, now: time.Now, c: c, rotator: "npm-token"}
			rec.close(Result{Status: StatusDone, Target: "npm token"})
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(b)), "\n")
			var r AuditRecord
			if err := json.Unmarshal([]byte(lines[len(lines)-1]), &r); err != nil {
				t.Fatal(err)
			}
			if r.SecretHash != c.Hash() || r.HashKeyID != testHasher.KeyID() || r.SHA256Prefix != "" ||
				strings.Contains(lines[len(lines)-1], finding.PlainSHA256(secret)[:12]) {
				t.Errorf("new record %s", lines[len(lines)-1])
			}
		})
	}
}
