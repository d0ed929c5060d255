package remediate

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// AuditDir is the directory, inside the scanned repository, that holds the
// default audit log; it is added to .git/info/exclude.
const AuditDir = ".secretsweep"

// DefaultAuditLog returns the default audit log path for a repository root.
func DefaultAuditLog(root string) string {
	return filepath.Join(root, AuditDir, "audit.jsonl")
}

// AuditRecord is one line of the audit log. It never holds a secret value:
// the secret is named by its short keyed hash (finding.ShortHash) and the id
// of the hash key.
type AuditRecord struct {
	Time        time.Time `json:"time"`
	Fingerprint string    `json:"fingerprint"`
	Rule        string    `json:"rule"`
	SecretHash  string    `json:"secret_hash,omitempty"`
	HashKeyID   string    `json:"hash_key_id,omitempty"`
	// SHA256Prefix is the first 12 hex digits of the plain SHA-256 that
	// logs written before keyed hashes name the secret by; read (to match
	// it in memory), never written.
	SHA256Prefix string `json:"secret_sha256_prefix,omitempty"`
	Rotator      string `json:"rotator"`
	// Action is a provider call ("iam:CreateAccessKey") or, for the record
	// that closes a remediation, "remediate".
	Action string `json:"action"`
	Target string `json:"target"`
	// Result is "ok" or "error" for a call, a Status for "remediate".
	Result string `json:"result"`
	Error  string `json:"error,omitempty"`
}

// ActionRemediate marks the closing record of a remediation.
const ActionRemediate = "remediate"

// AuditLog appends records to a JSON-lines file.
type AuditLog struct {
	path  string
	keyID string
	mu    sync.Mutex
	f     *os.File
	// done maps rule and secret (doneKey) to the last closing record with a
	// done or already-done result, from earlier runs.
	done map[string]AuditRecord
}

// doneKey names a secret of a rule in AuditLog.done: by its short keyed
// hash, or by the plain SHA-256 prefix of logs written before keyed hashes.
func doneKey(rule, short, plainPrefix string) string {
	if short != "" {
		return rule + "/hmac/" + short
	}
	return rule + "/sha256/" + plainPrefix
}

// OpenAuditLog opens (creating it and its directory) the log at path and
// reads what earlier runs finished. Records whose hashes were made with
// another key than h's are an error: this run could not tell that they
// finished a secret, and would rotate it twice.
func OpenAuditLog(path string, h finding.Hasher) (*AuditLog, error) {
	a := &AuditLog{path: path, keyID: h.KeyID(), done: map[string]AuditRecord{}}
	if err := a.load(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	a.f = f
	return a, nil
}

func (a *AuditLog) load() error {
	f, err := os.Open(a.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var r AuditRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("audit log %s line %d: %w", a.path, n, err)
		}
		if r.SecretHash != "" && r.HashKeyID != a.keyID {
			return fmt.Errorf("audit log %s line %d: %w", a.path, n, &finding.KeyMismatchError{Got: r.HashKeyID, Want: a.keyID})
		}
		if r.Action != ActionRemediate {
			continue
		}
		k := doneKey(r.Rule, r.SecretHash, r.SHA256Prefix)
		if s := Status(r.Result); s == StatusDone || s == StatusAlreadyDone {
			a.done[k] = r
		} else {
			delete(a.done, k)
		}
	}
	return sc.Err()
}

// Done returns the record of an earlier run that finished the candidate's
// secret: named by its keyed hash, or, in a log written before keyed
// hashes, by the prefix of its plain SHA-256 (computed here in memory).
func (a *AuditLog) Done(c *Candidate) (AuditRecord, bool) {
	if r, ok := a.done[doneKey(c.Finding.RuleID, c.Hash(), "")]; ok {
		return r, true
	}
	if c.Secret == "" {
		return AuditRecord{}, false
	}
	r, ok := a.done[doneKey(c.Finding.RuleID, "", finding.PlainSHA256(c.Secret)[:finding.ShortHashLen])]
	return r, ok
}

// Append writes one record.
func (a *AuditLog) Append(r AuditRecord) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := a.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// Path is the log's file name.
func (a *AuditLog) Path() string { return a.path }

// Close closes the file.
func (a *AuditLog) Close() error { return a.f.Close() }

// ExcludeFromGit adds AuditDir to the .git/info/exclude of the repository
// holding root so the log is never committed. Roots outside a repository
// with a .git directory are left alone.
func ExcludeFromGit(root string) error {
	dir, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	for {
		if info, err := os.Stat(filepath.Join(dir, ".git")); err == nil && info.IsDir() {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil // not in a repository (or a worktree/submodule with a .git file)
		}
		dir = parent
	}
	p := filepath.Join(dir, ".git", "info", "exclude")
	b, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if t := strings.TrimSpace(l); t == AuditDir+"/" || t == "/"+AuditDir+"/" {
			return nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	prefix := ""
	if len(b) > 0 && !strings.HasSuffix(string(b), "\n") {
		prefix = "\n"
	}
	// Unanchored: it also covers audit logs of subdirectories that were scanned.
	_, err = fmt.Fprintf(f, "%s%s/\n", prefix, AuditDir)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// recorder writes one candidate's steps to the log, scrubbing the secret
// from error text should a provider ever echo it.
type recorder struct {
	log     *AuditLog
	now     func() time.Time
	c       *Candidate
	rotator string
	err     error // first write failure
}

func (r *recorder) Step(action, target string, err error) {
	rec := r.record(action, target)
	rec.Result = "ok"
	if err != nil {
		rec.Result = "error"
		rec.Error = r.scrub(err.Error())
	}
	r.write(rec)
}

func (r *recorder) close(res Result) {
	rec := r.record(ActionRemediate, res.Target)
	rec.Result = string(res.Status)
	if res.Err != nil {
		rec.Error = r.scrub(res.Err.Error())
	}
	r.write(rec)
}

func (r *recorder) record(action, target string) AuditRecord {
	return AuditRecord{
		Time: r.now().UTC(), Fingerprint: r.c.Finding.Fingerprint, Rule: r.c.Finding.RuleID,
		SecretHash: r.c.Hash(), HashKeyID: r.keyID(), Rotator: r.rotator, Action: action, Target: r.scrub(target),
	}
}

func (r *recorder) keyID() string {
	if r.log == nil {
		return ""
	}
	return r.log.keyID
}

func (r *recorder) write(rec AuditRecord) {
	if r.log == nil {
		return
	}
	if err := r.log.Append(rec); err != nil && r.err == nil {
		r.err = err
	}
}

func (r *recorder) scrub(s string) string {
	if len(r.c.Secret) >= 4 {
		s = strings.ReplaceAll(s, r.c.Secret, "REDACTED")
	}
	return s
}
