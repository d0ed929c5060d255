package ghlogs

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/engine"

	"github.com/secretsweep/secretsweep/scanner"
)

var (
	engineOnce   sync.Once
	sharedEngine engine.Engine
)

func testEngine(t testing.TB) engine.Engine {
	t.Helper()
	engineOnce.Do(func() {
		cfg, err := engine.DefaultConfig()
		if err != nil {
			t.Fatal(err)
		}
		sharedEngine = engine.New(cfg, engine.Options{MaxDecodeDepth: scanner.DefaultMaxDecodeDepth})
	})
	return sharedEngine
}

// leakyZip is a run archive with the fake token in plain text on line 3 of
// "build / Run tests" and base64-encoded (past the masker) on line 2 of
// "deploy / Publish".
func leakyZip(t *testing.T) []byte {
	enc := base64.StdEncoding.EncodeToString([]byte("token=" + fakePAT))
	return logZip(t, []string{"build", "deploy"}, map[string][][2]string{
		"build": {
			{"Set up job", "Current runner version: '2.311.0'\nOperating System\n"},
			{"Run tests", "##[group]Run ./test.sh\nok  \tgithub.com/x/y\t0.01s\nexport GH=" + fakePAT + "\n##[endgroup]\n"},
			{"Complete job", "Cleaning up orphan processes\n"},
		},
		"deploy": {
			{"Set up job", "Current runner version: '2.311.0'\n"},
			{"Publish", "echo ***\n" + enc + "\n"},
		},
	})
}

func cleanZip(t *testing.T) []byte {
	return logZip(t, []string{"build"}, map[string][][2]string{
		"build": {{"Set up job", "Current runner version: '2.311.0'\n"}, {"Run tests", "PASS\n"}},
	})
}

func baseOpts(t *testing.T) Options {
	return Options{
		Repo:    owner + "/" + repo,
		Engine:  testEngine(t),
		TempDir: t.TempDir(),
		Sleep: func(context.Context, time.Duration) error {
			t.Errorf("unexpected sleep")
			return nil
		},
	}
}

func TestScanReportsRunJobStepLine(t *testing.T) {
	g := newFakeGitHub(t,
		fakeRun{id: 1002, name: "CI", file: "ci.yml", workflowID: 7, zip: leakyZip(t)},
		fakeRun{id: 1001, name: "CI", file: "ci.yml", workflowID: 7, zip: cleanZip(t)},
	)
	g.Expect(listRuns)
	g.expectDownloads(1002, 1001)
	defer g.Verify(t)
	opts := baseOpts(t)
	res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		file, job, step string
		line            int
	}
	got := map[key]finding.Finding{}
	for _, f := range res.Findings {
		got[key{f.File, f.Extra["job"], f.Extra["step"], f.StartLine}] = f
	}
	want := []key{
		{"1002/build/Run tests", "build", "Run tests", 3},
		{"1002/deploy/Publish", "deploy", "Publish", 2},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d findings %v, want %v", len(res.Findings), got, want)
	}
	for _, k := range want {
		f, ok := got[k]
		if !ok {
			t.Fatalf("no finding %+v in %v", k, got)
		}
		if f.Secret != fakePAT {
			t.Errorf("%v: secret %q", k, f.Secret)
		}
		if f.Source != Source || f.Extra["run_id"] != "1002" || f.Extra["workflow"] != "CI" ||
			f.Extra["line"] != strconv.Itoa(k.line) ||
			f.Extra["run_url"] != "https://github.com/octo-org/octo-repo/actions/runs/1002" ||
			f.Link != f.Extra["run_url"] {
			t.Errorf("%v: source %q extra %v link %q", k, f.Source, f.Extra, f.Link)
		}
		if strings.Contains(f.Match, "2024-01-01T") || strings.Contains(f.Line, "2024-01-01T") {
			t.Errorf("%v: timestamp not stripped: %q", k, f.Line)
		}
	}
	// Step logs are scanned, job logs (which repeat them) are not: 3+2 steps
	// in run 1002 and 2 in run 1001.
	if res.Stats.Files != 7 || res.Stats.Mode != "actions-logs" {
		t.Errorf("stats %+v", res.Stats)
	}
	if g.authOnBlob {
		t.Error("the GitHub token was sent to the archive download host")
	}
	if ents, _ := os.ReadDir(opts.TempDir); len(ents) != 0 {
		t.Errorf("temporary archives left behind: %v", ents)
	}
}

func TestScanJobLogWithoutStepFiles(t *testing.T) {
	z := logZip(t, []string{"lint (no steps)"}, map[string][][2]string{
		"lint (no steps)": {{"Set up job", "x\n"}, {"Run lint", "y\nTOKEN " + fakePAT + "\n"}},
	})
	g := newFakeGitHub(t, fakeRun{id: 5, name: "Lint", file: "lint.yml", workflowID: 9, zip: z})
	g.Expect(listRuns)
	g.expectDownloads(5)
	defer g.Verify(t)
	res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), baseOpts(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings %+v", res.Findings)
	}
	f := res.Findings[0]
	if f.File != "5/lint (no steps)/(job log)" || f.StartLine != 3 || f.Extra["step"] != "" {
		t.Errorf("finding at %s:%d step %q", f.File, f.StartLine, f.Extra["step"])
	}
}

func TestScanWorkflowFilter(t *testing.T) {
	runs := []fakeRun{
		{id: 30, name: "Release", file: "release.yml", workflowID: 8, zip: leakyZip(t)},
		{id: 20, name: "CI", file: "ci.yml", workflowID: 7, zip: leakyZip(t)},
		{id: 10, name: "CI", file: "ci.yml", workflowID: 7, zip: cleanZip(t)},
	}
	tests := []struct {
		workflow  string
		wantRuns  []string
		calls     []string // each made at least once
		downloads []int64
		wantErr   string
	}{
		{workflow: "ci.yml", wantRuns: []string{"20"}, calls: []string{workflowRuns("ci.yml")}, downloads: []int64{20, 10}},
		{workflow: ".github/workflows/release.yml", wantRuns: []string{"30"}, calls: []string{workflowRuns("release.yml")}, downloads: []int64{30}},
		{workflow: "7", wantRuns: []string{"20"}, calls: []string{workflowRuns("7")}, downloads: []int64{20, 10}},
		{workflow: "release", wantRuns: []string{"30"}, calls: []string{listWorkflows, workflowRuns("8")}, downloads: []int64{30}},
		{workflow: "Nightly", calls: []string{listWorkflows},
			wantErr: `--workflow "Nightly": no such workflow in octo-org/octo-repo (workflows: "CI" (ci.yml), "Release" (release.yml))`},
		{workflow: "nightly.yml", calls: []string{workflowRuns("nightly.yml")}, wantErr: "not found (404)"},
	}
	for _, tt := range tests {
		t.Run(tt.workflow, func(t *testing.T) {
			g := newFakeGitHub(t, runs...)
			g.Expect(tt.calls...)
			g.expectDownloads(tt.downloads...)
			g.ExpectTimes(0, listRuns) // the filter is the API's, not ours
			for _, fr := range runs {
				if !slices.Contains(tt.downloads, fr.id) {
					g.ExpectTimes(0, archive(fr.id))
				}
			}
			defer g.Verify(t)
			opts := baseOpts(t)
			opts.Workflow = tt.workflow
			res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			runsSeen := map[string]bool{}
			for _, f := range res.Findings {
				runsSeen[f.Extra["run_id"]] = true
			}
			if fmt.Sprint(keys(runsSeen)) != fmt.Sprint(tt.wantRuns) {
				t.Errorf("runs with findings %v, want %v", keys(runsSeen), tt.wantRuns)
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestScanRunsLimit(t *testing.T) {
	var runs []fakeRun
	for i := 0; i < 7; i++ {
		runs = append(runs, fakeRun{id: int64(100 - i), name: "CI", file: "ci.yml", workflowID: 7, zip: leakyZip(t)})
	}
	for _, n := range []int{1, 3, 7, 20} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			g := newFakeGitHub(t, runs...)
			want := min(n, 7)
			g.Expect(listRuns)
			for i, fr := range runs { // the newest want runs, once each
				if i < want {
					g.expectDownloads(fr.id)
				} else {
					g.ExpectTimes(0, runLogs(fr.id), archive(fr.id))
				}
			}
			defer g.Verify(t)
			opts := baseOpts(t)
			opts.Runs = n
			res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 2*want {
				t.Errorf("findings %d, want %d runs", len(res.Findings), want)
			}
			// The newest runs, in order.
			if res.Findings[0].Extra["run_id"] != "100" {
				t.Errorf("first run %s", res.Findings[0].Extra["run_id"])
			}
		})
	}
	opts := baseOpts(t)
	opts.Runs = -1
	if _, err := Scan(context.Background(), newFakeGitHub(t).client(testToken), http.DefaultClient, opts); err == nil {
		t.Error("negative --runs accepted")
	}
}

func TestScanBadCredentials(t *testing.T) {
	g := newFakeGitHub(t, fakeRun{id: 1, name: "CI", file: "ci.yml", workflowID: 7, zip: leakyZip(t)})
	g.Expect(listRuns)
	g.ExpectTimes(0, runLogs(1), archive(1))
	defer g.Verify(t)
	_, err := Scan(context.Background(), g.client("ghp_FAKEexpiredTOKENexpiredTOKENexpired0"), g.srv.Client(), baseOpts(t))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, "401") || !strings.Contains(msg, "GITHUB_TOKEN") || strings.Contains(msg, "\n") ||
		strings.Contains(msg, "ghp_FAKE") {
		t.Errorf("error %q", msg)
	}
}

func TestScanRepoArgument(t *testing.T) {
	g := newFakeGitHub(t)
	g.ExpectTimes(0, listRuns) // refused before any request
	defer g.Verify(t)
	for _, bad := range []string{"", "octo-org", "/x", "a/b/c", "a/"} {
		opts := baseOpts(t)
		opts.Repo = bad
		if _, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts); err == nil ||
			!strings.Contains(err.Error(), "OWNER/REPO") {
			t.Errorf("%q: err %v", bad, err)
		}
	}
}

// TestScanDecodeDepth: MaxDecodeDepth means what it means in scanner.Options
// (0: no decoding), so the base64-encoded token in leakyZip is found only
// with decoding on.
func TestScanDecodeDepth(t *testing.T) {
	for _, tc := range []struct {
		depth    int
		findings int
		wantErr  string
	}{
		{0, 1, ""},
		{1, 2, ""},
		{scanner.DefaultMaxDecodeDepth, 2, ""},
		{-1, 0, "must not be negative"},
	} {
		t.Run(strconv.Itoa(tc.depth), func(t *testing.T) {
			g := newFakeGitHub(t, fakeRun{id: 1, name: "CI", file: "ci.yml", workflowID: 7, zip: leakyZip(t)})
			if tc.wantErr == "" {
				g.Expect(listRuns)
				g.expectDownloads(1)
			} else {
				g.ExpectTimes(0, listRuns)
			}
			defer g.Verify(t)
			opts := baseOpts(t)
			opts.Engine = nil // built from the default rules with MaxDecodeDepth
			opts.MaxDecodeDepth = tc.depth
			res, err := Scan(context.Background(), g.client(testToken), g.srv.Client(), opts)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != tc.findings {
				t.Errorf("MaxDecodeDepth %d: %d findings, want %d", tc.depth, len(res.Findings), tc.findings)
			}
		})
	}
}
