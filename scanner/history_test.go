package scanner

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func TestHistoryFindsDeletedSecretOnceWithAttribution(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"README.md": "hello\n"})
	added := g.commit("add config", map[string]string{"app/config.py": "import os\n\nGITHUB = \"" + fakeGitHubPAT + "\"\n"})
	g.commit("remove token", map[string]string{"app/config.py": "import os\n\nGITHUB = os.environ['GITHUB']\n"})
	// The same change cherry-picked onto another branch is scanned once and
	// attributed to the earliest commit.
	g.checkout("feature", true)
	g.commit("more", map[string]string{"notes.txt": "x\n"})

	res := g.scan(Options{Mode: ModeHistory})
	if got, want := keys(res.Findings), []string{"app/config.py:3 github-pat"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("findings = %v, want %v", got, want)
	}
	f := res.Findings[0]
	if f.Commit != added.String() || f.Author != "Dev Eloper" || f.Email != "dev@example.com" ||
		f.Message != "add config" || f.Date != "2024-01-01T14:00:00Z" {
		t.Errorf("attribution = %s %s %s %q %s", f.Commit, f.Author, f.Email, f.Message, f.Date)
	}
	if want := added.String() + ":app/config.py:github-pat:3"; f.Fingerprint != want {
		t.Errorf("fingerprint = %s, want %s", f.Fingerprint, want)
	}
	if f.SecretHash != testHasher(t, testKey).Sum(fakeGitHubPAT) || f.Secret != fakeGitHubPAT {
		t.Errorf("secret/hash not set")
	}
	if res.Stats.Commits != 4 {
		t.Errorf("commits = %d, want 4", res.Stats.Commits)
	}
}

func TestHistoryDedupAcrossBranchesPicksEarliest(t *testing.T) {
	g := newGitFixture(t)
	base := g.commit("init", map[string]string{"README.md": "hello\n"})
	g.checkout("a", true)
	first := g.commit("leak on a", map[string]string{"k.env": "SLACK=" + fakeSlackBot + "\n"})
	g.checkout("master", false)
	_ = base
	g.checkout("b", true)
	g.commit("same leak on b", map[string]string{"k.env": "SLACK=" + fakeSlackBot + "\n"})

	res := g.scan(Options{Mode: ModeHistory})
	if len(res.Findings) != 1 {
		t.Fatalf("findings = %v, want one", keys(res.Findings))
	}
	if res.Findings[0].Commit != first.String() {
		t.Errorf("attributed to %s, want earliest %s", res.Findings[0].Commit, first)
	}
}

func TestHistoryMergesOnlyReportResolutions(t *testing.T) {
	g := newGitFixture(t)
	root := g.commit("init", map[string]string{"a.txt": "a\n", "b.txt": "b\n"})
	g.checkout("side", true)
	side := g.commit("side leak", map[string]string{"b.txt": "b\nkey=" + fakeAWSKeyID + "\n"})
	g.checkout("master", false)
	main := g.commit("main change", map[string]string{"a.txt": "a2\n"})
	_ = root
	// A merge that takes b.txt from side and adds a new leak in its resolution.
	merge := g.commit("merge side", map[string]string{
		"b.txt": "b\nkey=" + fakeAWSKeyID + "\n",
		"c.txt": "gh=" + fakeGitHubPAT + "\n",
	}, main, side)

	res := g.scan(Options{Mode: ModeHistory})
	got := map[string]string{}
	for _, f := range res.Findings {
		got[f.File] = f.Commit
	}
	if got["b.txt"] != side.String() {
		t.Errorf("b.txt attributed to %s, want side commit %s", got["b.txt"], side)
	}
	if got["c.txt"] != merge.String() {
		t.Errorf("c.txt attributed to %s, want merge %s", got["c.txt"], merge)
	}
	if len(res.Findings) != 2 {
		t.Errorf("findings = %v", keys(res.Findings))
	}
}

func TestHistoryRenameIsNotReportedAgain(t *testing.T) {
	g := newGitFixture(t)
	g.commit("add", map[string]string{"old/name.txt": "gh=" + fakeGitHubPAT + "\n"})
	g.commit("move", map[string]string{"old/name.txt": "", "new/name.txt": "gh=" + fakeGitHubPAT + "\n"})
	g.commit("edit moved", map[string]string{"new/name.txt": "gh=" + fakeGitHubPAT + "\nmore\n"})
	res := g.scan(Options{Mode: ModeHistory})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"old/name.txt:1 github-pat"}) {
		t.Errorf("findings = %v", got)
	}
}

func TestRangeScansOnlyNewCommits(t *testing.T) {
	g := newGitFixture(t)
	g.commit("old leak", map[string]string{"old.txt": "gh=" + fakeGitHubPAT + "\n"})
	base := g.commit("base", map[string]string{"x.txt": "x\n"})
	g.commit("new leak", map[string]string{"new.txt": "aws=" + fakeAWSKeyID + "\n"})
	head := g.commit("tip", map[string]string{"y.txt": "y\n"})

	for _, tc := range []struct {
		name string
		opts Options
		want []string
	}{
		{"range", Options{Mode: ModeRange, Range: base.String() + ".." + head.String()}, []string{"new.txt:1 aws-access-token"}},
		{"range to HEAD", Options{Mode: ModeRange, Range: base.String() + ".."}, []string{"new.txt:1 aws-access-token"}},
		{"include/exclude", Options{Mode: ModeRange, Include: []string{"HEAD"}, Exclude: []string{base.String()}}, []string{"new.txt:1 aws-access-token"}},
		{"single revision", Options{Mode: ModeRange, Range: "HEAD"}, []string{"new.txt:1 aws-access-token", "old.txt:1 github-pat"}},
		{"empty range", Options{Mode: ModeRange, Range: "HEAD..HEAD"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := g.scan(tc.opts)
			if got := keys(res.Findings); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRangeExcludeRemotes(t *testing.T) {
	g := newGitFixture(t)
	g.commit("pushed leak", map[string]string{"old.txt": "gh=" + fakeGitHubPAT + "\n"})
	head, _ := g.repo.Head()
	// Pretend the first commit was pushed: a remote-tracking ref points at it.
	writeRef(t, g.dir, "refs/remotes/origin/main", head.Hash().String())
	g.checkout("topic", true)
	g.commit("new leak", map[string]string{"new.txt": "aws=" + fakeAWSKeyID + "\n"})
	res := g.scan(Options{Mode: ModeRange, Include: []string{"topic"}, ExcludeRemotes: true})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"new.txt:1 aws-access-token"}) {
		t.Errorf("findings = %v", got)
	}
}

func writeRef(t *testing.T, dir, name, sha string) {
	t.Helper()
	p := filepath.Join(dir, ".git", filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(sha+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStagedScansIndexOnly(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n"})
	g.write(map[string]string{"staged.txt": "aws=" + fakeAWSKeyID + "\n"})
	// An unstaged change is not part of the next commit.
	if err := os.WriteFile(filepath.Join(g.dir, "unstaged.txt"), []byte("slack="+fakeSlackBot+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := g.scan(Options{Mode: ModeStaged})
	if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"staged.txt:1 aws-access-token"}) {
		t.Errorf("findings = %v", got)
	}
	if res.Findings[0].Commit != "" || res.Findings[0].Fingerprint != "staged.txt:aws-access-token:1" {
		t.Errorf("staged finding = %+v", res.Findings[0])
	}
}

func TestGitModesRejectNonRepository(t *testing.T) {
	dir := t.TempDir()
	for _, m := range []Mode{ModeHistory, ModeRange, ModeStaged} {
		_, err := Scan(t.Context(), Options{Path: dir, Mode: m, Range: "HEAD"})
		if !errors.Is(err, ErrNotRepository) {
			t.Errorf("%s: err = %v, want ErrNotRepository", m, err)
		}
	}
}

func TestRangeUnknownRevision(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"a.txt": "a\n"})
	_, err := Scan(t.Context(), Options{Path: g.dir, Mode: ModeRange, Range: "nope..HEAD"})
	if err == nil || !strings.Contains(err.Error(), `unknown revision "nope"`) {
		t.Errorf("err = %v", err)
	}
}

func TestHistoryMultiLineSecretSharingLinesWithOldVersion(t *testing.T) {
	key := func(body string) string {
		return "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n"
	}
	first := "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQABAoIBAQCUwcC7sJkEp8ve"
	second := "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi4Zl9MDTvKmaqDU0dKTJL1NBhtVyKq7gMEoeWFGqxnY5RkR0cJZb8Ao5J3cQ1tZKHgBbD0KzgJqO9+3qs0Dl2WqaFYqR9ZqVyKbeHlvS3K8Yd0QbvS8p1aiV3FGh0GYuqvMvYTaC5BrTmLoBa2D1Xw5LvVEvk9Xd7rbL3ghgKT9kBXHDB3xBZ2mJhUdW1Sb5h3VEKgvmuRy3Ee8sNdv0NxyWDZhu6eGDr0ykyHm3HStc4Ds2NhFhzSe5HzZJcuHDcBnyczdeSuKG5v5FHoavRO0ePwUNtIgE8Cp1PeyIaR4Cim7KL3nZ1Tvd1aSE3JCfQIDAQABAoIBAFakeNotReal1234"
	g := newGitFixture(t)
	g.commit("first key", map[string]string{"keys.txt": key(first)})
	second2 := g.commit("second key", map[string]string{"keys.txt": key(first) + "\n" + key(second)})
	res := g.scan(Options{Mode: ModeHistory})
	var got []string
	for _, f := range res.Findings {
		if f.RuleID == "private-key" {
			got = append(got, itoa(f.StartLine)+"@"+f.Commit[:7])
		}
	}
	want := []string{"1@" + res.Findings[0].Commit[:7], "5@" + second2.String()[:7]}
	if len(got) != 2 || got[1] != want[1] {
		t.Errorf("private keys = %v, want second at line 5 in %s", got, second2.String()[:7])
	}
}

func TestHistoryProgress(t *testing.T) {
	g := newGitFixture(t)
	g.commit("init", map[string]string{"a.txt": "a\n"})
	var buf syncBuffer
	g.commit("leak", map[string]string{"b.txt": "gh=" + fakeGitHubPAT + "\n"})
	g.scan(Options{Mode: ModeHistory, Progress: &buf})
	// A scan this small ends before the first tick; the last line remains.
	if got := buf.String(); got != "scanned: 2 commits, 2 blobs, 0 MiB\n" {
		t.Errorf("progress = %q", got)
	}
}

// syncBuffer is a bytes.Buffer safe for the progress goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Blob buffers are reused from one change to the next (blobReader), so the
// quotes a finding carries must be copies: blobs read after the leak, into
// the same buffers, must not change them.
func TestHistoryFindingsOutliveBlobBuffers(t *testing.T) {
	g := newGitFixture(t)
	g.commit("pat", map[string]string{"a/config.py": "GITHUB = \"" + fakeGitHubPAT + "\"\n"})
	filler := strings.Repeat(strings.Repeat("x", 70)+"\n", 3000)
	g.commit("slack and filler", map[string]string{"b/big.txt": filler, "c/k.env": "SLACK=" + fakeSlackBot + "\n"})
	g.commit("edit", map[string]string{"a/config.py": "GITHUB = \"" + fakeGitHubPAT + "\"\nMORE = 1\n", "b/big.txt": filler + "y\n"})

	res := g.scan(Options{Mode: ModeHistory, Workers: 1})
	if len(res.Findings) != 2 {
		t.Fatalf("findings = %v, want two", keys(res.Findings))
	}
	want := map[string]string{"a/config.py": fakeGitHubPAT, "c/k.env": fakeSlackBot}
	for _, f := range res.Findings {
		s := want[f.File]
		if f.Secret != s || !strings.Contains(f.Match, s) || !strings.Contains(f.Line, s) || f.SecretHash != testHasher(t, testKey).Sum(s) {
			t.Errorf("%s: the finding's quotes changed after its blob's buffer was reused", f.File)
		}
	}
}

// TestGitScansCommitMessages: a secret in a commit message is a finding of
// that commit, reported once however many refs reach it, under the
// pseudo-path finding.CommitMessageFile with a stable fingerprint that
// .gitleaksignore accepts.
func TestGitScansCommitMessages(t *testing.T) {
	g := newGitFixture(t)
	base := g.commit("init", map[string]string{"README.md": "hello\n"})
	leak := g.commit("Deploy fix\n\nused SLACK="+fakeSlackBot+" to test\n", map[string]string{"README.md": "hello again\n"})
	g.checkout("feature", true)
	g.commit("Add "+fakeGitHubPAT+" for CI", map[string]string{"notes.txt": "x\n"})
	g.checkout("master", false)

	wantLeak := leak.String() + ":" + finding.CommitMessageFile + ":slack-bot-token:3"
	for _, tc := range []struct {
		name string
		opts Options
		want []string // fingerprints without the commit of the feature branch's tip
	}{
		{"history", Options{Mode: ModeHistory}, []string{"github-pat", wantLeak}}, // by line
		{"range", Options{Mode: ModeRange, Range: base.String() + "..master"}, []string{wantLeak}},
		{"range excluding the leak", Options{Mode: ModeRange, Range: leak.String() + "..master"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := g.scan(tc.opts)
			var got []string
			for _, f := range res.Findings {
				if f.File != finding.CommitMessageFile || f.Source != finding.SourceCommitMessage || f.Commit == "" {
					t.Errorf("unexpected finding %s (source %q)", f.Fingerprint, f.Source)
					continue
				}
				if f.Commit != leak.String() {
					got = append(got, f.RuleID)
					continue
				}
				got = append(got, f.Fingerprint)
				if f.Message != strings.TrimSpace("Deploy fix\n\nused SLACK="+fakeSlackBot+" to test") || f.Author != "Dev Eloper" || f.Secret != fakeSlackBot {
					t.Errorf("finding %s: message %q, author %q", f.Fingerprint, f.Message, f.Author)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findings = %v, want %v", got, tc.want)
			}
		})
	}

	if err := os.WriteFile(filepath.Join(g.dir, ".gitleaksignore"), []byte(wantLeak+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range g.scan(Options{Mode: ModeHistory}).Findings {
		if f.Fingerprint == wantLeak {
			t.Errorf(".gitleaksignore did not suppress %s", wantLeak)
		}
	}
}
