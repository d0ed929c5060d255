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
	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// AuditDir is the directory, inside the scanned tree, that holds the
// default audit log (gitrepo's state directory, kept out of git).
const AuditDir = gitrepo.StateDirName

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
	state *gitrepo.State // the claimed state directory of the default log
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

// OpenDefaultAuditLog opens the audit log in root's .secretsweep/, which it
// claims (gitrepo.OpenState) until Close: excluded from git, also in linked
// worktrees, and locked so that two remediations (or a remediation and a
// migration) of one tree never run at once.
func OpenDefaultAuditLog(root string, h finding.Hasher) (*AuditLog, error) {
	st, err := gitrepo.OpenState(root, "secretsweep remediate")
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	a, err := OpenAuditLog(st.Path(filepath.Base(DefaultAuditLog(root))), h)
	if err != nil {
		st.Close()
		return nil, err
	}
	a.state = st
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

// Close closes the file and releases the state directory, if claimed.
func (a *AuditLog) Close() error {
	err := a.f.Close()
	if a.state != nil {
		if serr := a.state.Close(); err == nil {
			err = serr
		}
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
