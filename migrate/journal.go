package migrate

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/gitrepo"
)

// JournalDir and JournalFile locate the journal under the repository root.
const (
	JournalDir  = gitrepo.StateDirName
	JournalFile = "migrate-journal.jsonl"
)

// Journal steps, in the order a finding goes through them.
const (
	StepPlanned       = "planned"        // a finding was given a secret name (and key)
	StepStored        = "stored"         // its secret exists in Secrets Manager with the value
	StepVerified      = "verified"       // the secret was read back and compared
	StepFileRewritten = "file-rewritten" // the file no longer holds the literal
	StepManual        = "manual"         // the finding was left for a manual step
	StepPatched       = "patched"        // the change went to a patch file
	StepBranch        = "branch"         // --pr switched to a branch (Name) for base Base
)

// JournalEntry is one line of the journal. It never holds a secret value:
// findings are identified by fingerprint and the value's keyed hash.
type JournalEntry struct {
	Time        string `json:"time"`
	Step        string `json:"step"`
	Fingerprint string `json:"fingerprint,omitempty"`
	File        string `json:"file,omitempty"`
	Rule        string `json:"rule,omitempty"`
	// Hash is the keyed hash (finding.Hasher.Sum) of the finding's value
	// (planned, manual) or of the stored secret string (storing, stored,
	// verified).
	Hash string `json:"hash,omitempty"`
	// SHA256 is the plain SHA-256 that journals written before keyed hashes
	// hold instead of Hash; read (see upgradeEntries), never written.
	SHA256    string `json:"sha256,omitempty"`
	Name      string `json:"name,omitempty"`
	Key       string `json:"key,omitempty"`
	ARN       string `json:"arn,omitempty"`
	VersionID string `json:"version_id,omitempty"`
	Action    string `json:"action,omitempty"`
	// FileHash is the keyed hash of a rewritten file's new content.
	FileHash string `json:"file_hash,omitempty"`
	// Files are the paths a file-rewritten step wrote (the file and its helpers).
	Files []string `json:"files,omitempty"`
	// Base is the pull request's base branch (--pr).
	Base string `json:"base,omitempty"`
}

// Journal is the append-only record of a migration's steps, so a run that
// was killed can be finished by running again.
type Journal struct {
	path    string
	state   *gitrepo.State
	f       *os.File
	now     func() time.Time
	entries []JournalEntry
	counts  map[string]int
	// after is called after each appended entry (test hook).
	after func(step string, n int)
}

// OpenJournal loads (or creates) the journal in root/.secretsweep, which
// it claims (gitrepo.OpenState: locked against another migration or
// remediation of the tree, excluded from git) until Close. A last line cut
// short by a crash is ignored.
func OpenJournal(root string, now func() time.Time, after func(string, int)) (*Journal, error) {
	st, err := gitrepo.OpenState(root, "secretsweep migrate")
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	j := &Journal{path: st.Path(JournalFile), state: st, now: now, after: after, counts: map[string]int{}}
	f, err := os.OpenFile(j.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("journal: %w", err)
	}
	j.f = f
	entries, err := ReadJournal(j.path)
	if err != nil {
		j.Close()
		return nil, err
	}
	j.entries = entries
	return j, nil
}

// ReadJournal returns the entries of the journal file at path (none when it
// does not exist), skipping a torn last line.
func ReadJournal(path string) ([]JournalEntry, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	defer f.Close()
	var out []JournalEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		var e JournalEntry
		if json.Unmarshal(sc.Bytes(), &e) == nil && e.Step != "" {
			out = append(out, e)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return out, nil
}

// Path is the journal file's path.
func (j *Journal) Path() string { return j.path }

// Entries returns the entries loaded at open plus those appended since.
func (j *Journal) Entries() []JournalEntry { return j.entries }

// Record appends e durably (written and synced before Record returns).
func (j *Journal) Record(e JournalEntry) error {
	e.Time = j.now().UTC().Format(time.RFC3339)
	e.SHA256 = "" // a plain hash is never written
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	j.entries = append(j.entries, e)
	j.counts[e.Step]++
	if j.after != nil {
		j.after(e.Step, j.counts[e.Step])
	}
	return nil
}

// Close closes the journal file and releases the state directory.
func (j *Journal) Close() error {
	err := j.f.Close()
	if serr := j.state.Close(); err == nil {
		err = serr
	}
	return err
}

// journalIndex answers questions about journal entries.
type journalIndex []JournalEntry

// plannedFor returns the planned entry for a finding: matched by
// fingerprint and value hash, else by file, rule and value hash (a line
// number in the fingerprint may have moved).
func (j journalIndex) plannedFor(fp, file, rule, hash string) (JournalEntry, bool) {
	var loose *JournalEntry
	for i := len(j) - 1; i >= 0; i-- {
		e := j[i]
		if e.Step != StepPlanned || e.Hash == "" || e.Hash != hash {
			continue
		}
		if e.Fingerprint == fp {
			return e, true
		}
		if loose == nil && e.File == file && e.Rule == rule {
			loose = &j[i]
		}
	}
	if loose != nil {
		return *loose, true
	}
	return JournalEntry{}, false
}

// baseFor returns the base branch an earlier --pr run recorded for branch.
func (j journalIndex) baseFor(branch string) string {
	for i := len(j) - 1; i >= 0; i-- {
		if j[i].Step == StepBranch && j[i].Name == branch {
			return j[i].Base
		}
	}
	return ""
}

// writtenSinceBranch lists the files that file-rewritten steps wrote since
// --pr last switched to branch (a resumed run commits them too).
func (j journalIndex) writtenSinceBranch(branch string) []string {
	start := -1
	for i := len(j) - 1; i >= 0; i-- {
		if j[i].Step == StepBranch && j[i].Name == branch {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	var out []string
	for _, e := range j[start:] {
		if e.Step == StepFileRewritten {
			out = append(out, e.Files...)
		}
	}
	return out
}

// takenNames maps every planned name to the value hash it was planned for
// (for grouped secrets, name+"\x00"+key).
func (j journalIndex) takenNames() map[string]string {
	m := map[string]string{}
	for _, e := range j {
		if e.Step == StepPlanned {
			k := e.Name
			if e.Key != "" {
				k += "\x00" + e.Key
			}
			m[k] = e.Hash
		}
	}
	return m
}

// checkJournalKey fails when the journal's hashes were made with another
// key than h's: its findings would silently match nothing, and a resumed
// migration would plan them again under new names.
func checkJournalKey(entries []JournalEntry, h finding.Hasher) error {
	for _, e := range entries {
		if e.Hash == "" {
			continue
		}
		if err := h.Check(e.Hash); err != nil {
			return fmt.Errorf("journal %s: %w", JournalDir+"/"+JournalFile, err)
		}
	}
	return nil
}

// legacyHashes maps the plain SHA-256 of each finding's secret to its keyed
// hash. It lives in memory only, to read journals written before keyed
// hashes.
func legacyHashes(fs []finding.Finding, h finding.Hasher) map[string]string {
	m := map[string]string{}
	for _, f := range fs {
		if f.Secret != "" && !f.Redacted() {
			m[finding.PlainSHA256(f.Secret)] = h.Sum(f.Secret)
		}
	}
	return m
}

// upgradeEntries returns entries with the Hash of each entry written before
// keyed hashes filled in from its plain SHA256, when that is the hash of a
// value at hand (legacy maps plain to keyed hashes); the others keep no
// Hash and match nothing. The plain hashes are dropped.
func upgradeEntries(entries []JournalEntry, legacy map[string]string) []JournalEntry {
	out := make([]JournalEntry, len(entries))
	for i, e := range entries {
		if e.Hash == "" && e.SHA256 != "" {
			e.Hash = legacy[strings.ToLower(e.SHA256)]
		}
		e.SHA256 = ""
		out[i] = e
	}
	return out
}
