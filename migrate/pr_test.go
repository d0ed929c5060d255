package migrate

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	git "github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/migrate/gitops"
)

// githubPulls is an httptest server answering POST /repos/{owner}/{repo}/pulls
// with the pull request object GitHub documents (taken from a real
// pull_request event payload, which carries the same object), filled in from
// the request.
type githubPulls struct {
	credtest.Calls // createPR, and unrouted requests
	mu             sync.Mutex
	requests       []map[string]any
	auth           []string
}

// createPR is the call that opens a pull request, as credtest.Calls names it.
const createPR = "POST /repos/acme/payments/pulls"

func (g *githubPulls) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.Record(r)
	if r.Method+" "+r.URL.Path != createPR {
		g.Unrouted(r)
		http.Error(w, `{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}`, http.StatusNotFound)
		return
	}
	var req map[string]any
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, `{"message":"Problems parsing JSON"}`, http.StatusBadRequest)
		return
	}
	g.mu.Lock()
	g.requests = append(g.requests, req)
	g.auth = append(g.auth, r.Header.Get("Authorization"))
	g.mu.Unlock()
	raw, err := os.ReadFile(prPayload)
	var payload map[string]any
	if err != nil || json.Unmarshal(raw, &payload) != nil {
		http.Error(w, `{"message":"fixture missing"}`, http.StatusInternalServerError)
		return
	}
	pr := payload["pull_request"].(map[string]any)
	pr["number"] = 7
	pr["html_url"] = "https://github.com/acme/payments/pull/7"
	pr["url"] = "https://api.github.com/repos/acme/payments/pulls/7"
	pr["title"], pr["body"], pr["draft"] = req["title"], req["body"], req["draft"]
	pr["head"].(map[string]any)["ref"] = req["head"]
	pr["base"].(map[string]any)["ref"] = req["base"]
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(pr)
}

// prPayload is GitHub's pull_request event payload (from the octokit/webhooks
// examples in shared/github, MIT): its pull_request object is what the API
// returns for a created pull request.
const prPayload = "testdata/github/pull_request_opened.payload.json"

// prFixture is the fixture project with a real bare remote over file://
// (holding the initial commit) and a GitHub API server.
type prFixture struct {
	dir, bare string
	initial   plumbing.Hash
	gh        *githubPulls
	srv       *httptest.Server
	repo      *git.Repository
	untracked map[string]bool // work tree files that must not be committed
}

func newPRFixture(t *testing.T) *prFixture {
	t.Helper()
	if _, err := os.Stat(prPayload); err != nil {
		t.Fatalf("GitHub payload fixture: %v", err)
	}
	p := &prFixture{dir: newFixture(t), bare: t.TempDir(), gh: &githubPulls{}}
	if _, err := git.PlainInit(p.bare, true); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainOpen(p.dir)
	if err != nil {
		t.Fatal(err)
	}
	_ = repo.DeleteRemote("origin")
	if _, err := repo.CreateRemote(&gitconfig.RemoteConfig{Name: "origin", URLs: []string{"file://" + p.bare}}); err != nil {
		t.Fatal(err)
	}
	if err := repo.Push(&git.PushOptions{RemoteName: "origin"}); err != nil {
		t.Fatal(err)
	}
	head, _ := repo.Head()
	p.initial, p.repo = head.Hash(), repo
	p.srv = httptest.NewServer(p.gh)
	t.Cleanup(p.srv.Close)
	return p
}

// checkPushed checks the pushed branch holds one commit on top of the
// initial one whose files equal the work tree's, without the journal.
func (p *prFixture) checkPushed(t *testing.T) {
	t.Helper()
	remote, err := git.PlainOpen(p.bare)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := remote.Reference(plumbing.NewBranchReferenceName(DefaultBranch), true)
	if err != nil {
		t.Fatalf("branch not pushed: %v", err)
	}
	commit, err := remote.CommitObject(ref.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if len(commit.ParentHashes) != 1 || commit.ParentHashes[0] != p.initial {
		t.Errorf("commit parents %v, want the initial commit", commit.ParentHashes)
	}
	tree, _ := commit.Tree()
	if _, err := tree.File(JournalDir + "/" + JournalFile); err == nil {
		t.Error("the journal was committed")
	}
	for name, content := range worktree(t, p.dir) {
		f, err := tree.File(name)
		if p.untracked[name] {
			if err == nil {
				t.Errorf("%s was committed", name)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s missing from the commit: %v", name, err)
			continue
		}
		c, _ := f.Contents()
		if _, data, _ := strings.Cut(content, "\n"); c != data {
			t.Errorf("%s in the commit differs from the work tree", name)
		}
		if rewritable(name) && name != "Dockerfile" && !strings.HasPrefix(name, ".github/") {
			assertNoValues(t, "committed "+name, c)
		}
	}
	head, _ := p.repo.Head()
	if head.Name().Short() != DefaultBranch {
		t.Errorf("local HEAD is %s, want the migration branch", head.Name())
	}
}

func TestPullRequest(t *testing.T) {
	api, _ := startMoto(t)
	p := newPRFixture(t)
	dir, gh := p.dir, p.gh
	gh.ExpectTimes(1, createPR)
	defer gh.Verify(t)
	env := map[string]string{"GITHUB_API_URL": p.srv.URL, "GITHUB_TOKEN": "ghs_test_token_not_a_secret"}
	client, err := ghclient.New(p.srv.Client(), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}

	// A local, ignored and untracked settings file: rewritten in place,
	// never committed.
	writeTestFile(t, dir+"/.gitignore", "*.local.env\n", 0o644)
	writeTestFile(t, dir+"/config/dev.local.env", "SLACK_BOT_TOKEN="+fxSlackBot+"\n", 0o644)
	p.untracked = map[string]bool{".gitignore": true, "config/dev.local.env": true}

	out, sum, err := runMigrate(t, dir, ModePR, api, func(o *Options) {
		o.Prefix = "payments"
		o.PR = testPR(gitops.PROptions{Repo: "acme/payments", GitHub: client})
	})
	if err != nil {
		t.Fatalf("--pr: %v\n%s", err, out)
	}
	if sum.PullRequestURL != "https://github.com/acme/payments/pull/7" || !strings.Contains(out, "Pull request: https://github.com/acme/payments/pull/7") {
		t.Errorf("PR URL not reported: %+v", sum)
	}
	checkStored(t, api)
	if len(sum.NotCommitted) != 1 || sum.NotCommitted[0] != "config/dev.local.env" || !strings.Contains(out, "Not committed (ignored by git, not tracked): config/dev.local.env") {
		t.Errorf("ignored file: NotCommitted = %v", sum.NotCommitted)
	}
	if b, _ := os.ReadFile(dir + "/config/dev.local.env"); strings.Contains(string(b), fxSlackBot) {
		t.Error("the ignored file was not rewritten in place")
	}

	// The request GitHub received.
	if len(gh.requests) != 1 {
		t.Fatalf("%d PR requests, want 1", len(gh.requests))
	}
	req := gh.requests[0]
	if req["head"] != DefaultBranch || req["base"] != "master" || gh.auth[0] != "Bearer ghs_test_token_not_a_secret" {
		t.Errorf("PR request head=%v base=%v auth=%q", req["head"], req["base"], gh.auth[0])
	}
	body, _ := req["body"].(string)
	assertNoValues(t, "the PR body", body)
	for _, want := range []string{"`svc/main.go`", "`payments/stripeKey`", "secretsweep remediate", "Manual steps"} {
		if !strings.Contains(body, want) {
			t.Errorf("PR body lacks %q:\n%s", want, body)
		}
	}

	p.checkPushed(t)
}

// TestPullRequestResume kills a `migrate --pr` migration (a crash child)
// after it rewrote the first file on the branch, runs `secretsweep migrate
// --pr` again, and checks one pull request holding every change was opened.
func TestPullRequestResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the CLI and kills a migration")
	}
	api, _ := startMoto(t)
	p := newPRFixture(t)
	p.gh.ExpectTimes(1, createPR) // by the resumed run only
	defer p.gh.Verify(t)
	env := []string{"GITHUB_API_URL=" + p.srv.URL, "GITHUB_TOKEN=ghs_test_token_not_a_secret"}
	args := []string{"migrate", "--pr", "--github-repo", "acme/payments", "--prefix", "payments", "."}
	ps := runCrashChild(t, p.dir, env, crashSpec{After: "file-rewritten:1", Mode: ModePR, Prefix: "payments", Repo: "acme/payments"})
	if !killed(ps) {
		t.Fatalf("the run was not interrupted (exit %d)", ps.ExitCode())
	}
	out, stderr, ps := runCLI(t, p.dir, env, args...)
	if ps.ExitCode() != 1 { // the Dockerfile's manual step remains
		t.Fatalf("resumed --pr exited %d: %s\n%s", ps.ExitCode(), stderr, out)
	}
	if len(p.gh.requests) != 1 || p.gh.requests[0]["base"] != "master" {
		t.Fatalf("%d PR requests (want 1, base master): %v", len(p.gh.requests), p.gh.requests)
	}
	ref := newFixture(t)
	if out, _, err := runMigrate(t, ref, ModeApply, api, nil); err != nil {
		t.Fatalf("reference: %v\n%s", err, out)
	}
	if d := diffSnapshots(worktree(t, ref), worktree(t, p.dir)); len(d) > 0 {
		t.Errorf("resumed --pr tree differs from an uninterrupted apply: %v", d)
	}
	p.checkPushed(t)
}

// TestPullRequestChecksFirst: a --pr that cannot succeed stops before
// storing anything.
func TestPullRequestChecksFirst(t *testing.T) {
	api, _ := startMoto(t)
	p := newPRFixture(t)
	client, _ := ghclient.New(p.srv.Client(), func(k string) string {
		return map[string]string{"GITHUB_API_URL": p.srv.URL}[k]
	})
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T)
		pr    gitops.PROptions
		err   string
	}{
		{"no GitHub repository", nil, gitops.PROptions{GitHub: client}, "pass --github-repo OWNER/NAME"},
		{"no client", nil, gitops.PROptions{Repo: "acme/payments"}, "needs a GitHub client"},
		{"staged changes", func(t *testing.T) {
			writeTestFile(t, p.dir+"/README.md", "# changed\n", 0o644)
			wt, _ := p.repo.Worktree()
			if _, err := wt.Add("README.md"); err != nil {
				t.Fatal(err)
			}
		}, gitops.PROptions{GitHub: client, Repo: "acme/payments"}, "README.md is staged"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup(t)
			}
			out, _, err := runMigrate(t, p.dir, ModePR, api, func(o *Options) { o.PR = testPR(tc.pr) })
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("err = %v, want %q\n%s", err, tc.err, out)
			}
			if n := len(secretsInMoto(t, api)); n != 0 {
				t.Errorf("%d secrets stored before the --pr checks failed", n)
			}
			if head, _ := p.repo.Head(); head.Name().Short() != "master" {
				t.Errorf("HEAD moved to %s", head.Name())
			}
		})
	}
	p.gh.ExpectTimes(0, createPR)
	p.gh.Verify(t)
}

// TestPullRequestLinkedWorktree runs --pr in a linked worktree (.git is a
// file): the branch starts at the worktree's HEAD, the repository's remote
// is found, and the journal stays out of git.
func TestPullRequestLinkedWorktree(t *testing.T) {
	api, _ := startMoto(t)
	p := newPRFixture(t)
	g := testenv.NewGit(t)
	linked := filepath.Join(t.TempDir(), "linked")
	g.Git(p.dir, "worktree", "add", "-q", "-b", "work", linked)
	env := map[string]string{"GITHUB_API_URL": p.srv.URL}
	client, err := ghclient.New(p.srv.Client(), func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	out, sum, err := runMigrate(t, linked, ModePR, api, func(o *Options) {
		o.Prefix = "payments"
		o.PR = testPR(gitops.PROptions{Repo: "acme/payments", GitHub: client})
	})
	if err != nil {
		t.Fatalf("--pr in a linked worktree: %v\n%s", err, out)
	}
	if sum.PullRequestURL == "" || len(p.gh.requests) != 1 || p.gh.requests[0]["base"] != "work" {
		t.Fatalf("PR: %+v, requests %v", sum, p.gh.requests)
	}
	p.dir, p.untracked = linked, map[string]bool{".git": true} // the worktree's .git file
	p.repo, err = git.PlainOpenWithOptions(linked, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		t.Fatal(err)
	}
	p.checkPushed(t)
	if st := g.Git(linked, "status", "--porcelain", "--untracked-files=all"); st != "" {
		t.Errorf("git status in the linked worktree:\n%s", st)
	}
	// The main work tree did not move.
	if head := g.Git(p.bare, "rev-parse", "--verify", "-q", "refs/heads/master"); head != p.initial.String() {
		t.Errorf("remote master moved to %s", head)
	}
}
