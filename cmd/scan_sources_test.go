package cmd

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/ghclient"
)

// fakeSourcesPAT is an obviously fake, syntactically valid GitHub token.
const fakeSourcesPAT = "ghp_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa"

func sourcesFactory(env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:         &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now:        time.Now,
		Getenv:     func(k string) string { return env[k] },
		HTTPClient: func() *http.Client { return &http.Client{Timeout: 10 * time.Second} },
		Version:    "test",
		Hasher:     testHasher,
	}
	f.GitHubClient = func() (*github.Client, error) { return ghclient.New(f.HTTPClient(), f.Getenv) }
	return f, &out, &errOut
}

func TestScanSourceFlags(t *testing.T) {
	tests := []struct {
		args    []string
		env     map[string]string
		wantErr string
	}{
		{[]string{"scan", "--runs", "3"}, nil, "--runs and --workflow need --actions-logs"},
		{[]string{"scan", "--workflow", "ci.yml"}, nil, "--runs and --workflow need --actions-logs"},
		{[]string{"scan", ".", "--actions-logs", "o/r"}, nil, "cannot be combined with PATH"},
		{[]string{"scan", "--history", "--actions-logs", "o/r"}, nil, "cannot be combined"},
		{[]string{"scan", "--actions-logs", "o/r", "--baseline", "b.json"}, nil, "--baseline and --ignore-file are not supported"},
		{[]string{"scan", "--actions-logs", "o/r", "--runs", "0"}, nil, "--runs must be at least 1"},
		{[]string{"scan", "--actions-logs", "just-a-name"}, nil, "wants OWNER/REPO"},
		{[]string{"scan", "--actions-logs", "o/r"}, nil, "no GitHub token"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f, _, errOut := sourcesFactory(tt.env)
			if code := Main(tt.args, f); code != ExitError {
				t.Errorf("exit %d, want %d", code, ExitError)
			}
			if !strings.Contains(errOut.String(), tt.wantErr) || strings.Count(errOut.String(), "\n") != 1 {
				t.Errorf("stderr %q, want one line with %q", errOut.String(), tt.wantErr)
			}
		})
	}
}

// fakeGitHubAPI answers GET /user for verification (the token is reported
// live) and, with runs, serves one completed run whose log leaks
// fakeSourcesPAT. Every route it serves must be called (Verify).
func fakeGitHubAPI(t *testing.T, runs bool) *credtest.Server {
	srv := credtest.NewServer(t)
	srv.Handle("GET /api/v3/user", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+fakeSourcesPAT {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message":"Bad credentials"}`)
			return
		}
		fmt.Fprint(w, `{"login":"octocat"}`)
	})
	if !runs {
		return srv
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("build/2_Run deploy.txt")
	fmt.Fprintf(w, "2024-01-01T00:00:00.0000000Z ##[group]Run ./deploy.sh\n2024-01-01T00:00:01.0000000Z token=%s\n", fakeSourcesPAT)
	_ = zw.Close()
	srv.Handle("GET /api/v3/repos/o/r/actions/runs", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"total_count":1,"workflow_runs":[{"id":42,"name":"Deploy","path":".github/workflows/deploy.yml","status":"completed","conclusion":"success","workflow_id":9,"head_sha":"3484a3fb816e0859fd6e1cea078d76385ff50625","html_url":"https://github.com/o/r/actions/runs/42"}]}`)
	})
	srv.Handle("GET /api/v3/repos/o/r/actions/runs/42/logs", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", srv.URL+"/blob/42.zip?sig=FAKE")
		w.WriteHeader(http.StatusFound)
	}).Times(1)
	srv.Handle("GET /blob/42.zip", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(zbuf.Bytes())
	}).Times(1)
	return srv
}

func TestScanActionsLogsVerify(t *testing.T) {
	srv := fakeGitHubAPI(t, true)
	defer srv.Verify(t)
	env := map[string]string{"GITHUB_TOKEN": "gho_FAKEscannerTOKEN", "GITHUB_API_URL": srv.URL + "/api/v3"}
	f, out, errOut := sourcesFactory(env)
	code := Main([]string{"scan", "--actions-logs", "o/r", "--runs", "5", "--verify", "-f", "json"}, f)
	if code != ExitLeaks {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var fs []finding.Finding
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("findings %+v", fs)
	}
	got := fs[0]
	if got.Source != "actions-log" || got.File != "42/build/Run deploy" || got.StartLine != 2 ||
		got.Extra["run_url"] != "https://github.com/o/r/actions/runs/42" || got.Extra["step"] != "Run deploy" {
		t.Errorf("finding %+v", got)
	}
	if got.Verification == nil || got.Verification.Status != "verified" || !strings.Contains(got.Verification.Reason, "octocat") {
		t.Errorf("verification %+v", got.Verification)
	}
	if strings.Contains(out.String()+errOut.String(), fakeSourcesPAT) {
		t.Error("the secret was printed")
	}
	if !strings.Contains(errOut.String(), "verification: 1 verified, 0 invalid, 0 unknown") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestScanOnlyVerified(t *testing.T) {
	srv := fakeGitHubAPI(t, false)
	defer srv.Verify(t)
	dir := t.TempDir()
	// One live token and one the fake GitHub rejects.
	dead := strings.Replace(fakeSourcesPAT, "FAKE", "DEAD", 1)
	body := fmt.Sprintf("LIVE_TOKEN=%s\nOLD_TOKEN=%s\n", fakeSourcesPAT, dead)
	if err := os.WriteFile(filepath.Join(dir, "deploy.env"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	f, out, errOut := sourcesFactory(map[string]string{"GITHUB_API_URL": srv.URL + "/api/v3"})
	code := Main([]string{"scan", dir, "--only-verified", "-f", "json"}, f)
	if code != ExitLeaks {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var fs []finding.Finding
	if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].StartLine != 1 || fs[0].Verification.Status != "verified" {
		t.Errorf("findings %+v", fs)
	}
	if !strings.Contains(errOut.String(), "1 verified, 1 invalid") {
		t.Errorf("stderr %q", errOut)
	}
}
