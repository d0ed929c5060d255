package cmd

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/scanner/audit"
	"github.com/secretsweep/secretsweep/scanner/audit/audittest"
)

// Fake credentials, valid in shape only.
const (
	fakeAuditToken = "ghp_FAKEauditt0k3nForTheFakeGitHub00000"
	fakeAuditPAT   = "ghp_R4nd0mFAKEt0k3nV4lu3Xq9Zw8Yv7Ut6Sr5Q"
)

// auditOrg is a small organisation: a leak in one repository's history,
// a clean one, and one the git server does not have.
func auditOrg(t *testing.T, token string) *audittest.Org {
	t.Helper()
	org := audittest.NewOrg(t, "acme", token)
	api := org.AddRepo(&audittest.Repo{Name: "api"})
	api.Commit(t, "init", map[string]string{"main.go": "package main\n"})
	api.Commit(t, "oops", map[string]string{"config.py": "TOKEN = \"" + fakeAuditPAT + "\"\n"})
	docs := org.AddRepo(&audittest.Repo{Name: "docs"})
	docs.Commit(t, "docs", map[string]string{"index.md": "# docs\n"})
	org.AddRepo(&audittest.Repo{Name: "gone", Missing: true})
	return org
}

func auditFactory(env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &Factory{
		IO:         &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Now:        func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC) },
		Getenv:     func(k string) string { return env[k] },
		HTTPClient: func() *http.Client { return &http.Client{Timeout: time.Minute} },
		Hasher:     testHasher,
		Version:    "test",
	}, out, errOut
}

func TestAuditOrgFlags(t *testing.T) {
	dir := t.TempDir()
	withToken := map[string]string{"GITHUB_TOKEN": fakeAuditToken, "GITHUB_API_URL": "http://127.0.0.1:1/api/v3"}
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		err  string
	}{
		{"no org", []string{"audit", "org"}, withToken, "accepts 1 arg"},
		{"bad org", []string{"audit", "org", "../x"}, withToken, "not a GitHub organisation name"},
		{"bad shard", []string{"audit", "org", "acme", "--shard", "4/3"}, withToken, "--shard wants I/N"},
		{"bad glob", []string{"audit", "org", "acme", "--repo-filter", "[a"}, withToken, "--repo-filter: bad glob"},
		{"bad format", []string{"audit", "org", "acme", "-f", "text"}, withToken, "unknown format"},
		{"workers", []string{"audit", "org", "acme", "--workers", "0"}, withToken, "--workers must be at least 1"},
		{"runs without logs", []string{"audit", "org", "acme", "--runs", "3"}, withToken, "--runs needs --actions-logs"},
		{"no credentials", []string{"audit", "org", "acme"}, map[string]string{}, "no GitHub credentials"},
		{"partial app", []string{"audit", "org", "acme", "--app-id", "1"}, map[string]string{}, "needs --app-id, --installation-id and --app-key-file"},
		{"bad app key", []string{"audit", "org", "acme", "--app-id", "1", "--installation-id", "2", "--app-key-file", writeFile(t, dir, "k.pem", "not a key")}, map[string]string{}, "not an RSA private key"},
		{"output dir", []string{"audit", "org", "acme", "-o", filepath.Join(dir, "no", "r.json")}, withToken, "does not exist"},
		{"merge: no file", []string{"report", "merge"}, nil, "requires at least 1 arg"},
		{"merge: not a report", []string{"report", "merge", writeFile(t, dir, "x.json", `[{"RuleID":"x"}]`)}, nil, "not an audit report or state"},
		{"merge: missing", []string{"report", "merge", filepath.Join(dir, "nope.json")}, nil, "no such file"},
		{"merge: bad format", []string{"report", "merge", "-f", "xml", "a.json"}, nil, "unknown format"},
		{"bad min-confidence", []string{"audit", "org", "acme", "--min-confidence", "max"}, withToken, "--min-confidence: invalid confidence"},
		{"merge: bad min-confidence", []string{"report", "merge", "--min-confidence", "max", "a.json"}, nil, "--min-confidence: invalid confidence"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := auditFactory(tc.env)
			if code := Main(tc.args, f); code != ExitError {
				t.Errorf("exit %d, want 2", code)
			}
			msg := errOut.String()
			if !strings.Contains(msg, tc.err) || strings.Count(msg, "\n") != 1 || out.Len() != 0 {
				t.Errorf("stderr %q (want one line with %q), stdout %q", msg, tc.err, out.String())
			}
		})
	}
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func readReport(t *testing.T, data []byte) *audit.Report {
	t.Helper()
	rep, _, err := audit.ReadFile("report", data)
	if err != nil || rep == nil {
		t.Fatalf("not a report: %v", err)
	}
	return rep
}

func TestAuditOrgWithToken(t *testing.T) {
	org := auditOrg(t, fakeAuditToken)
	f, out, errOut := auditFactory(map[string]string{"GITHUB_TOKEN": fakeAuditToken, "GITHUB_API_URL": org.APIURL()})
	if code := Main([]string{"audit", "org", "acme"}, f); code != ExitLeaks {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	rep := readReport(t, out.Bytes())
	if len(rep.Findings) != 1 || rep.Findings[0].Repository != "acme/api" || !strings.HasPrefix(rep.Findings[0].Link, "https://github.com/acme/api/blob/") {
		t.Errorf("findings %+v", rep.Findings)
	}
	stderr := errOut.String()
	for _, want := range []string{"audit: 3 repositories to scan", "audit: [3/3]", "2 repositories scanned, 1 failed; 1 finding", "failed: acme/gone: clone: repository not found"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(stderr), "failed: acme/gone: clone: repository not found") {
		t.Errorf("failures are not listed at the end:\n%s", stderr)
	}
	if strings.Contains(out.String()+stderr, fakeAuditPAT) || strings.Contains(out.String()+stderr, fakeAuditToken) {
		t.Error("a secret or the token was printed")
	}
}

func TestAuditOrgEveryRepositoryFailed(t *testing.T) {
	org := audittest.NewOrg(t, "acme", fakeAuditToken)
	org.AddRepo(&audittest.Repo{Name: "gone", Missing: true})
	org.AddRepo(&audittest.Repo{Name: "empty"})
	f, _, errOut := auditFactory(map[string]string{"GITHUB_TOKEN": fakeAuditToken, "GITHUB_API_URL": org.APIURL()})
	if code := Main([]string{"audit", "org", "acme", "-q"}, f); code != ExitError {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(errOut.String(), "all 2 repositories failed") {
		t.Errorf("stderr: %s", errOut)
	}
}

// A GitHub App: its key signs a JWT that the API exchanges for installation
// tokens; those list the repositories and clone them. Tokens living under a
// minute are refreshed before each use.
func TestAuditOrgWithGitHubApp(t *testing.T) {
	org := auditOrg(t, "") // no personal token is accepted
	key := org.EnableApp(4242, 30*time.Second)
	f, out, errOut := auditFactory(map[string]string{"GITHUB_API_URL": org.APIURL()})
	args := []string{"audit", "org", "acme", "--app-id", "4242", "--installation-id", "77", "--app-key-file", key, "-q", "--workers", "1"}
	if code := Main(args, f); code != ExitLeaks {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, errOut)
	}
	if rep := readReport(t, out.Bytes()); len(rep.Findings) != 1 || len(rep.Failed()) != 1 {
		t.Errorf("report: %d findings, %d failed", len(rep.Findings), len(rep.Failed()))
	}
	if n := org.Exchanges(); n < 3 {
		t.Errorf("%d installation tokens issued, want one per use (they expire within a minute)", n)
	}
	auth := org.GitAuth()
	if len(auth) == 0 {
		t.Fatal("git sent no credentials")
	}
	for _, a := range auth {
		user, pass, _ := strings.Cut(a, ":")
		if user != "x-access-token" || !org.Issued(pass) {
			t.Errorf("git authenticated as %s with a token the API did not issue", user)
		}
	}
}

func TestReportMergeShards(t *testing.T) {
	org := auditOrg(t, fakeAuditToken)
	env := map[string]string{"GITHUB_TOKEN": fakeAuditToken, "GITHUB_API_URL": org.APIURL()}
	dir := t.TempDir()
	f, whole, _ := auditFactory(env)
	if code := Main([]string{"audit", "org", "acme", "-q"}, f); code != ExitLeaks {
		t.Fatalf("unsharded: exit %d", code)
	}
	files := []string{}
	for i := 1; i <= 2; i++ {
		f, _, errOut := auditFactory(env)
		rep, st := filepath.Join(dir, "shard"+string(rune('0'+i))+".json"), filepath.Join(dir, "state"+string(rune('0'+i))+".json")
		code := Main([]string{"audit", "org", "acme", "-q", "--shard", string(rune('0'+i)) + "/2", "--state", st, "-o", rep}, f)
		if code == ExitError {
			t.Fatalf("shard %d: %s", i, errOut)
		}
		files = append(files, rep, st)
	}
	f, merged, errOut := auditFactory(nil)
	code := Main(append([]string{"report", "merge", "--state-output", filepath.Join(dir, "state.json")}, files...), f)
	if code != ExitLeaks {
		t.Fatalf("merge: exit %d: %s", code, errOut)
	}
	a, b := readReport(t, whole.Bytes()), readReport(t, merged.Bytes())
	b.Incremental = false // the shards kept states; the unsharded run did not
	for i := range b.Findings {
		delete(b.Findings[i].Extra, audit.MarkKey)
		if len(b.Findings[i].Extra) == 0 {
			b.Findings[i].Extra = nil
		}
	}
	for i := range b.Repositories {
		b.Repositories[i].New = 0
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("merged shards differ from the unsharded run:\n%s\n%s", ja, jb)
	}
	data, err := os.ReadFile(filepath.Join(dir, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, st, err := audit.ReadFile("state", data)
	if err != nil || st == nil || len(st.Repositories) != 2 || !st.Run.Complete {
		t.Errorf("merged state: %v, %+v", err, st)
	}

	// The merged report renders as one HTML page.
	f, _, errOut = auditFactory(nil)
	html := filepath.Join(dir, "org.html")
	if code := Main([]string{"report", "merge", "-f", "html", "-o", html, files[0], files[2]}, f); code != ExitLeaks {
		t.Fatalf("merge to html: exit %d: %s", code, errOut)
	}
	page, _ := os.ReadFile(html)
	if !strings.Contains(string(page), "<svg") || !strings.Contains(string(page), "acme/api") {
		t.Errorf("html page lacks charts or repositories")
	}
}
