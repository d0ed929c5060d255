package audit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// htmlFixture is a report with every section filled: findings of two
// repositories and several rules and ages, new and known, verified, and a
// failure.
func htmlFixture() *Report {
	f := func(repo, rule, file, date, mark, status string, line int) finding.Finding {
		fd := finding.Finding{
			RuleID: rule, Description: "Description of " + rule, File: file, StartLine: line, EndLine: line,
			Commit: "1923324a09438469c05aad6ebff3c9bd5dbb4c22", Date: date, Secret: "s3cr3t-FAKE",
			Match: "TOKEN = s3cr3t-FAKE", Repository: repo, Fingerprint: repo + file + rule,
			Link:  "https://github.com/" + repo + "/blob/1923324a09438469c05aad6ebff3c9bd5dbb4c22/" + file + "#L" + "3",
			Extra: map[string]string{MarkKey: mark}, Verification: &finding.Verification{Status: status},
			Confidence: finding.ConfidenceMedium,
		}
		fd.Redact()
		return fd
	}
	return &Report{
		Organization: "acme", Generated: "2025-06-01T00:00:00Z", Verified: true, Incremental: true,
		Shards: []string{"1/2"},
		Repositories: []RepoResult{
			{Repository: "acme/api", URL: "https://github.com/acme/api", Status: StatusOK, Scan: ScanIncremental, Commits: 3, Blobs: 4, Findings: 3, New: 1},
			{Repository: "acme/web", URL: "https://github.com/acme/web", Status: StatusOK, Scan: ScanFull, Commits: 9, Blobs: 12, Findings: 1},
			{Repository: "acme/gone", URL: "https://github.com/acme/gone", Status: StatusFailed, Reason: "clone: repository not found"},
		},
		Findings: []finding.Finding{
			f("acme/api", "github-pat", "config.py", "2025-05-20T10:00:00Z", MarkNew, "verified", 2),
			f("acme/api", "github-pat", "old.py", "2022-01-20T10:00:00Z", MarkKnown, "invalid", 7),
			f("acme/api", "aws-access-token", ".github/workflows/deploy.yml", "2024-11-02T10:00:00Z", MarkKnown, "unknown", 6),
			f("acme/web", "generic-api-key", "<script>alert(1)</script>.js", "2025-03-01T10:00:00Z", MarkKnown, "unknown", 1),
		},
	}
}

func TestHTMLSelfContained(t *testing.T) {
	page := render(t, htmlFixture(), "html")
	for _, bad := range []string{"<script", "src=", "@import", "url(", "<link", "http://"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	for _, want := range []string{
		"<svg", "Findings by rule", "Findings by age of the leaking commit", "Verification (--verify)",
		"acme/gone</b>: clone: repository not found", "&lt;script&gt;", `class="mark-new">new<`,
		`href="https://github.com/acme/api/blob/1923324a09438469c05aad6ebff3c9bd5dbb4c22/config.py#L3"`,
		">under 30 days<", ">over 2 years<",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "s3cr3t") {
		t.Error("page holds the secret")
	}
}

// chromium finds Debian's Chromium; without it the test fails under CI and
// skips loudly elsewhere.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is needed to test the HTML report (apt-get install chromium; scripts/test does)")
	}
	t.Skip("SKIPPING: chromium not installed (apt-get install chromium); the HTML report is not tested in a browser")
	return ""
}

// browse loads a page in headless Chromium and returns what the console
// and the browser's log said, the URLs it requested, the number of SVG bars
// and table rows it laid out, and a screenshot.
func browse(t *testing.T, page string) (problems, requests []string, bars, rows int, shot []byte) {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900), chromedp.UserDataDir(filepath.Join(dir, "profile")))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	var mu sync.Mutex
	listen := chromedp.WithListener(func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			problems = append(problems, "console."+string(e.Type))
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, string(e.Entry.Source)+": "+e.Entry.Text)
			}
		case *network.EventRequestWillBeSent:
			requests = append(requests, e.Request.URL)
		}
	})
	ctx, cancel := chromedp.NewContext(actx, listen)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitReady("footer")); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	var err error
	if bars, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("svg rect").length`)); err != nil {
		t.Fatal(err)
	}
	if rows, err = chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("tbody tr").length`)); err != nil {
		t.Fatal(err)
	}
	if shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100)); err != nil {
		t.Fatal(err)
	}
	// Late console events arrive asynchronously.
	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	return append([]string(nil), problems...), append([]string(nil), requests...), bars, rows, shot
}

// TestHTMLInChromium renders the report in a real headless Chromium: it
// lays out, logs no console error, loads nothing but itself, and its
// screenshot is kept (in the test's directory, and in $SECRETSWEEP_ARTIFACTS
// when set).
func TestHTMLInChromium(t *testing.T) {
	problems, requests, bars, rows, shot := browse(t, render(t, htmlFixture(), "html"))
	if len(problems) > 0 {
		t.Errorf("console or log problems: %q", problems)
	}
	if len(requests) != 1 || !strings.HasPrefix(requests[0], "file://") {
		t.Errorf("the page requested %q, want only itself", requests)
	}
	// Bars: 3 rules + 5 ages + 2 repositories + 3 verification statuses.
	if bars != 13 {
		t.Errorf("%d chart bars laid out, want 13", bars)
	}
	if rows != 3+4 { // repositories + findings
		t.Errorf("%d table rows, want 7", rows)
	}
	if len(shot) < 1000 {
		t.Fatalf("screenshot of %d bytes", len(shot))
	}
	keep := []string{filepath.Join(t.TempDir(), "audit-report.png")}
	if dir := os.Getenv("SECRETSWEEP_ARTIFACTS"); dir != "" {
		keep = append(keep, filepath.Join(dir, "audit-report.png"))
	}
	for _, p := range keep {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}

// The harness notices what it must: a page that runs a script and loads a
// remote style sheet is reported (the CSP blocks both).
func TestBrowserHarnessSeesProblems(t *testing.T) {
	page := strings.Replace(render(t, htmlFixture(), "html"), "</body>",
		`<script>console.error("boom")</script><link rel="stylesheet" href="http://127.0.0.1:9/x.css"></body>`, 1)
	problems, _, _, _, _ := browse(t, page)
	if len(problems) == 0 {
		t.Error("an inline script and a remote style sheet went unnoticed")
	}
}

// Each finding's row shows its confidence.
func TestHTMLConfidence(t *testing.T) {
	page := render(t, htmlFixture(), "html")
	if !strings.Contains(page, "<th>Confidence</th>") || strings.Count(page, "<td>medium</td>") != 4 {
		t.Errorf("page lacks the confidence column or values")
	}
}
