package audit

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/scanner/audit/audittest"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Fake credentials: syntactically valid, obviously fake (FAKE in each).
const (
	testToken = "ghp_FAKEauditt0k3nForTheFakeGitHub00000"
	fakePAT1  = "ghp_R4nd0mFAKEt0k3nV4lu3Xq9Zw8Yv7Ut6Sr5Q"
	fakePAT2  = "ghp_S9nd1mFAKEt1k4nV5lu4Xr8Zw7Yv6Ut5Sr4P"
	fakePAT3  = "ghp_T8ne2mFAKEt2k5nV6lu5Xs7Zw6Yv5Ut4Sr3N"
	fakeAWS   = "AKIAQYLPMN5HFIQR7FAK"
)

// testHasher names secrets with a fixed test key.
func testHasher() finding.Hasher {
	h, err := finding.NewHasher([]byte("secretsweep audit test key, 32+ bytes long"))
	if err != nil {
		panic(err)
	}
	return h
}

// testNow is the fake clock: the audits "start" at this time.
var testNow = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// fixture is an organisation with leaks in some repositories' histories
// and pipelines, a fork and an archived repository (skipped by default),
// one the git server does not have and one without commits.
type fixture struct {
	org    *audittest.Org
	repos  map[string]*audittest.Repo
	sleeps []time.Duration
	mu     sync.Mutex
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	fx := &fixture{org: audittest.NewOrg(t, "acme", testToken), repos: map[string]*audittest.Repo{}}
	add := func(r *audittest.Repo) *audittest.Repo {
		fx.repos[r.Name] = fx.org.AddRepo(r)
		return fx.repos[r.Name]
	}
	api := add(&audittest.Repo{Name: "api"})
	api.Commit(t, "init", map[string]string{"README.md": "# api\n", "main.go": "package main\n"})
	api.Commit(t, "config", map[string]string{"config.py": "DEBUG = True\nGITHUB_TOKEN = \"" + fakePAT1 + "\"\n"})
	api.Commit(t, "remove the token", map[string]string{"config.py": "DEBUG = True\nGITHUB_TOKEN = os.environ[\"GITHUB_TOKEN\"]\n"})
	api.Branch(t, "feature")

	web := add(&audittest.Repo{Name: "web", DefaultBranch: "trunk"})
	web.Commit(t, "site", map[string]string{"index.html": "<h1>hi</h1>\n"})
	web.Commit(t, "deploy", map[string]string{".github/workflows/deploy.yml": "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: " + fakeAWS + "\n    steps:\n      - run: ./deploy.sh\n"})

	docs := add(&audittest.Repo{Name: "docs"})
	docs.Commit(t, "docs", map[string]string{"index.md": "# docs\n"})

	tools := add(&audittest.Repo{Name: "tools"})
	tools.Commit(t, "tools", map[string]string{"Makefile": "all:\n\tgo build ./...\n"})

	legacy := add(&audittest.Repo{Name: "legacy", Archived: true})
	legacy.Commit(t, "old", map[string]string{"old.py": "TOKEN = \"" + fakePAT2 + "\"\n"})

	fork := add(&audittest.Repo{Name: "upstream-fork", Fork: true})
	fork.Commit(t, "fork", map[string]string{"x.py": "TOKEN = \"" + fakePAT3 + "\"\n"})

	add(&audittest.Repo{Name: "broken", Missing: true})
	add(&audittest.Repo{Name: "empty"})
	return fx
}

// client is a go-github client aimed at the fake API as on GHES, over a
// ghclient.RetryTransport with the audit's parameters, the fake clock and a
// recorded sleep.
func (fx *fixture) client(t *testing.T) *github.Client {
	t.Helper()
	ro := RetryOptions()
	ro.Now, ro.Sleep = func() time.Time { return testNow }, fx.sleep
	rl := ghclient.NewRetryTransport(nil, ro)
	env := map[string]string{"GITHUB_API_URL": fx.org.APIURL(), "GITHUB_TOKEN": testToken}
	c, err := ghclient.New(&http.Client{Transport: rl}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (fx *fixture) sleep(_ context.Context, d time.Duration) error {
	fx.mu.Lock()
	defer fx.mu.Unlock()
	fx.sleeps = append(fx.sleeps, d)
	return nil
}

// options are the test's audit options: pages of two repositories.
func (fx *fixture) options(t *testing.T) Options {
	return Options{
		Org: "acme", API: fx.client(t), Tokens: StaticToken(testToken),
		PerPage: 2, Workers: 2, MaxDecodeDepth: 5, TempDir: t.TempDir(),
		Now: func() time.Time { return testNow }, Sleep: fx.sleep, Hasher: testHasher(),
	}
}

func (fx *fixture) run(t *testing.T, mod func(*Options)) *Report {
	t.Helper()
	o := fx.options(t)
	if mod != nil {
		mod(&o)
	}
	rep, err := Run(context.Background(), o)
	if err != nil {
		t.Fatalf("audit: %v", err)
	}
	return rep
}

// render returns the report in a format.
func render(t *testing.T, rep *Report, format string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, rep, "test"); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// golden compares got with testdata/golden/name, rewriting it with -update.
// Loopback URLs (random ports) are replaced by a placeholder first.
func golden(t *testing.T, name, got string, fx *fixture) {
	t.Helper()
	got = strings.ReplaceAll(got, fx.org.Git.URL, "http://git.test")
	got = strings.ReplaceAll(got, fx.org.API.URL, "http://api.test")
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", name, firstDiff(string(want), got))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return "(equal lines, different ends)"
}
