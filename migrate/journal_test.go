package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
)

func TestJournal(t *testing.T) {
	root := t.TempDir()
	if _, err := git.PlainInit(root, false); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, ".git", "info"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, ".git/info/exclude"), []byte("*.log"), 0o644); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	var hooked []string
	j, err := OpenJournal(root, now, func(step string, n int) { hooked = append(hooked, step+":"+string(rune('0'+n))) })
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []JournalEntry{
		{Step: StepPlanned, Fingerprint: "a.go:r:3", File: "a.go", Rule: "r", Hash: "h1", Name: "p/A"},
		{Step: StepPlanned, Fingerprint: "b.go:r:9", File: "b.go", Rule: "r", Hash: "h2", Name: "p/B", Key: "K"},
		{Step: StepStored, Name: "p/A", Hash: "h1"},
	} {
		if err := j.Record(e); err != nil {
			t.Fatal(err)
		}
	}
	j.Close()
	if strings.Join(hooked, ",") != "planned:1,planned:2,stored:1" {
		t.Errorf("hook calls %v", hooked)
	}
	// A crash mid-write leaves a torn last line: it is ignored.
	path := filepath.Join(root, JournalDir, JournalFile)
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"step":"verified","na`)
	f.Close()
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v", st.Mode().Perm())
	}

	j2, err := OpenJournal(root, now, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Close()
	if j3, err := OpenJournal(root, now, nil); err == nil {
		j3.Close()
		t.Error("a second migration could open the journal while it is in use")
	} else if !strings.Contains(err.Error(), "in use") {
		t.Errorf("lock error = %v", err)
	}
	idx := journalIndex(j2.Entries())
	if len(idx) != 3 {
		t.Fatalf("%d entries after reopening, want 3", len(idx))
	}
	if e, ok := idx.plannedFor("a.go:r:3", "a.go", "r", "h1"); !ok || e.Name != "p/A" {
		t.Error("no match by fingerprint")
	}
	if e, ok := idx.plannedFor("a.go:r:5", "a.go", "r", "h1"); !ok || e.Name != "p/A" {
		t.Error("no match after the line moved")
	}
	if _, ok := idx.plannedFor("a.go:r:3", "a.go", "r", "other"); ok {
		t.Error("matched another value")
	}
	if tk := idx.takenNames(); tk["p/A"] != "h1" || tk["p/B\x00K"] != "h2" {
		t.Errorf("taken names %v", tk)
	}
	ex, _ := os.ReadFile(filepath.Join(root, ".git/info/exclude"))
	if string(ex) != "*.log\n# secretsweep state (migrate journal, remediate audit log)\n.secretsweep/\n" {
		t.Errorf("exclude file = %q (added once, after a newline)", ex)
	}
}
