package action_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/secretsweep/secretsweep/cmd"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/testenv"
)

// Fake credentials: valid in shape for the default github-pat rule, and
// obviously fake.
const (
	leakA = "ghp_FAKEaaaa0123456789abcdefFAKEfake0001"
	leakB = "ghp_FAKEbbbb0123456789abcdefFAKEfake0002"
	leakC = "ghp_FAKEcccc0123456789abcdefFAKEfake0003"
	leakD = "ghp_FAKEdddd0123456789abcdefFAKEfake0004"

	testToken = "ghs_FAKEjobTOKEN"
	repoName  = "Codertocat/Hello-World"
)

var allLeaks = []string{leakA, leakB, leakC, leakD}

// ---------------------------------------------------------------------
// git

// gitEnv runs the real git with a private HOME and fixed identities; each
// commit gets a date one minute after the previous one, so walks ordered
// by date are deterministic.
type gitEnv struct {
	t     *testing.T
	env   []string
	clock int
}

func newGitEnv(t *testing.T) *gitEnv {
	t.Helper()
	g := testenv.NewGit(t)
	return &gitEnv{t: t, env: g.Env}
}

func (g *gitEnv) git(dir string, args ...string) string {
	g.t.Helper()
	out, err := g.run(dir, nil, args...)
	if err != nil {
		g.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(out)
}

func (g *gitEnv) run(dir string, extra []string, args ...string) (string, error) {
	c := exec.Command("git", args...)
	c.Dir = dir
	c.Env = append(append([]string{}, g.env...), extra...)
	out, err := c.CombinedOutput()
	return string(out), err
}

// commit writes files (a nil value... "" deletes nothing: use remove) and
// commits them on the current branch of dir.
func (g *gitEnv) commit(dir, msg string, files map[string]string) string {
	g.t.Helper()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			g.t.Fatal(err)
		}
	}
	g.git(dir, "add", "-A")
	g.clock++
	date := time.Date(2024, 1, 1, 0, g.clock, 0, 0, time.UTC).Format(time.RFC3339)
	if _, err := g.run(dir, []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, "commit", "-q", "--allow-empty", "-m", msg); err != nil {
		g.t.Fatalf("commit %q: %v", msg, err)
	}
	return g.git(dir, "rev-parse", "HEAD")
}

// ---------------------------------------------------------------------
// A repository served over HTTP by git http-backend, as GitHub serves it.

type gitServer struct {
	*httptest.Server
	root  string // GIT_PROJECT_ROOT
	token string
	mu    sync.Mutex
	urls  []string
	auths int
	fail  bool // answer 500 to everything
	// releases maps a path under /<owner>/<name>/releases/download/ to
	// the file served there; others get 404 (no release).
	releases map[string][]byte
}

func newGitServer(t *testing.T, g *gitEnv, token string) *gitServer {
	t.Helper()
	backend := filepath.Join(g.git(".", "--exec-path"), "git-http-backend")
	_, err := os.Stat(backend)
	testenv.Require(t, err == nil, "git-http-backend", "apt-get install git")
	s := &gitServer{root: t.TempDir(), token: token}
	h := &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + s.root, "GIT_HTTP_EXPORT_ALL=1"}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.urls = append(s.urls, r.URL.String())
		fail := s.fail
		s.mu.Unlock()
		if fail {
			http.Error(w, "unavailable", http.StatusInternalServerError)
			return
		}
		if _, rest, ok := strings.Cut(r.URL.Path, "/releases/download/"); ok {
			s.mu.Lock()
			data, found := s.releases[rest]
			s.mu.Unlock()
			if !found {
				http.NotFound(w, r)
				return
			}
			_, _ = w.Write(data)
			return
		}
		if u, p, ok := r.BasicAuth(); !ok || u != "x-access-token" || p != s.token {
			w.Header().Set("WWW-Authenticate", `Basic realm="GitHub"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		s.mu.Lock()
		s.auths++
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *gitServer) setFail(b bool) {
	s.mu.Lock()
	s.fail = b
	s.mu.Unlock()
}

func (s *gitServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string{}, s.urls...)
}

// origin is a GitHub-like repository: a work repository where commits are
// made and the bare repository the server serves, which receives them.
type origin struct {
	*gitEnv
	srv  *gitServer
	work string
	bare string
	main string // first commit
}

func newOrigin(t *testing.T) *origin {
	t.Helper()
	g := newGitEnv(t)
	srv := newGitServer(t, g, testToken)
	o := &origin{gitEnv: g, srv: srv, work: t.TempDir(), bare: filepath.Join(srv.root, repoName+".git")}
	g.git(o.work, "init", "-q", "-b", "master")
	g.git(srv.root, "init", "-q", "--bare", "-b", "master", o.bare)
	g.git(o.bare, "config", "uploadpack.allowAnySHA1InWant", "true")
	o.main = g.commit(o.work, "initial", map[string]string{"README.md": "hello\n"})
	o.push("master")
	return o
}

// url is the repository's address (GITHUB_SERVER_URL/owner/name.git).
func (o *origin) url() string { return o.srv.URL + "/" + repoName + ".git" }

// push force-pushes refspecs (branch names or src:dst) to the served repository.
func (o *origin) push(refspecs ...string) {
	o.t.Helper()
	args := []string{"push", "-q", "--force", o.bare}
	for _, r := range refspecs {
		if !strings.Contains(r, ":") {
			r = "refs/heads/" + r + ":refs/heads/" + r
		}
		args = append(args, r)
	}
	o.git(o.work, args...)
}

// branch creates (or resets) branch at rev in the work repository and checks it out.
func (o *origin) branch(name, rev string) { o.git(o.work, "checkout", "-q", "-B", name, rev) }

// pullRequest publishes refs/pull/n/head and a refs/pull/n/merge commit
// (head merged into base), as GitHub does, and returns the merge commit.
func (o *origin) pullRequest(n int, base, head string) string {
	o.t.Helper()
	o.git(o.work, "checkout", "-q", "--detach", base)
	o.clock++
	date := time.Date(2024, 1, 1, 0, o.clock, 0, 0, time.UTC).Format(time.RFC3339)
	if out, err := o.run(o.work, []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, "merge", "-q", "--no-ff", "-m", "Merge into base", head); err != nil {
		o.t.Fatalf("merge: %v\n%s", err, out)
	}
	merge := o.git(o.work, "rev-parse", "HEAD")
	o.push(fmt.Sprintf("%s:refs/pull/%d/head", head, n), fmt.Sprintf("%s:refs/pull/%d/merge", merge, n))
	return merge
}

// checkout makes a depth-1 checkout of rev the way actions/checkout does
// (fetch with the token in an extra header, detached HEAD) and returns its
// directory.
func (o *origin) checkout(rev, localRef string) string {
	o.t.Helper()
	dir := o.t.TempDir()
	o.git(dir, "init", "-q")
	o.git(dir, "remote", "add", "origin", o.url())
	header := "AUTHORIZATION: basic " + base64.StdEncoding.EncodeToString([]byte("x-access-token:"+testToken))
	o.git(dir, "-c", "http.extraheader="+header, "fetch", "-q", "--no-tags", "--depth=1", "origin", "+"+rev+":"+localRef)
	o.git(dir, "checkout", "-q", "--detach", localRef)
	if got := o.git(dir, "rev-parse", "--is-shallow-repository"); got != "true" {
		o.t.Fatalf("checkout is not shallow: %s", got)
	}
	return dir
}

// ---------------------------------------------------------------------
// A fake GitHub REST API: pull request reviews and review comments, as
// documented (docs.github.com/rest/pulls/reviews, /rest/pulls/comments).

type apiRequest struct {
	Method, Path string
	Auth         string
	Body         string
}

type fakeUser struct {
	Login string `json:"login"`
	ID    int64  `json:"id"`
	Type  string `json:"type"`
}

var (
	botUser    = fakeUser{Login: "github-actions[bot]", ID: 41898282, Type: "Bot"}
	authorUser = fakeUser{Login: "Codertocat", ID: 21031067, Type: "User"}
)

type fakeReview struct {
	ID       int64    `json:"id"`
	NodeID   string   `json:"node_id"`
	User     fakeUser `json:"user"`
	Body     string   `json:"body"`
	State    string   `json:"state"`
	CommitID string   `json:"commit_id"`
	HTMLURL  string   `json:"html_url"`
}

type fakeComment struct {
	ID        int64    `json:"id"`
	ReviewID  int64    `json:"pull_request_review_id"`
	NodeID    string   `json:"node_id"`
	Path      string   `json:"path"`
	CommitID  string   `json:"commit_id"`
	User      fakeUser `json:"user"`
	Body      string   `json:"body"`
	Line      int      `json:"line"`
	StartLine int      `json:"start_line,omitempty"`
	Side      string   `json:"side"`
}

type fakeGitHub struct {
	*httptest.Server
	t  *testing.T
	mu sync.Mutex
	// settings
	readOnly      bool // the token cannot write (a fork's pull request)
	rateLimitOnce bool // the first write gets a secondary rate limit
	rejectInline  bool // inline comments get 422 (lines outside the diff)
	writeStatus   int  // when set, every write gets this status
	pageSize      int
	// state
	reqs     []apiRequest
	reviews  []*fakeReview
	comments []*fakeComment
	nextID   int64
}

func newFakeGitHub(t *testing.T) *fakeGitHub {
	f := &fakeGitHub{t: t, pageSize: 1, nextID: 1000} // one item a page: pagination is exercised
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

var (
	reviewsPath  = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/reviews$`)
	reviewPath   = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/reviews/(\d+)$`)
	commentsPath = regexp.MustCompile(`^/repos/([^/]+)/([^/]+)/pulls/(\d+)/comments$`)
)

func (f *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, apiRequest{Method: r.Method, Path: r.URL.Path, Auth: r.Header.Get("Authorization"), Body: string(body)})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		f.write(w, 401, map[string]string{"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})
		return
	}
	write := r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch
	if write && f.rateLimitOnce {
		f.rateLimitOnce = false
		w.Header().Set("Retry-After", "0")
		f.write(w, 403, map[string]string{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
			"documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"})
		return
	}
	if write && f.writeStatus != 0 {
		f.write(w, f.writeStatus, map[string]string{"message": http.StatusText(f.writeStatus)})
		return
	}
	if write && f.readOnly {
		f.write(w, 403, map[string]string{"message": "Resource not accessible by integration",
			"documentation_url": "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request", "status": "403"})
		return
	}
	switch p := r.URL.Path; {
	case p == "/user" && r.Method == http.MethodGet:
		f.write(w, 403, map[string]string{"message": "Resource not accessible by integration",
			"documentation_url": "https://docs.github.com/rest/users/users#get-the-authenticated-user", "status": "403"})
	case reviewsPath.MatchString(p) && r.Method == http.MethodGet:
		list := make([]any, len(f.reviews))
		for i, rv := range f.reviews {
			list[i] = rv
		}
		f.page(w, r, list)
	case reviewsPath.MatchString(p) && r.Method == http.MethodPost:
		var req struct {
			CommitID string `json:"commit_id"`
			Body     string `json:"body"`
			Event    string `json:"event"`
			Comments []struct {
				Path      string `json:"path"`
				Line      int    `json:"line"`
				StartLine int    `json:"start_line"`
				Side      string `json:"side"`
				Body      string `json:"body"`
			} `json:"comments"`
		}
		if err := json.Unmarshal(body, &req); err != nil {
			f.write(w, 400, map[string]string{"message": "Problems parsing JSON"})
			return
		}
		if len(req.Comments) > 0 && f.rejectInline {
			f.write(w, 422, map[string]any{"message": "Unprocessable Entity", "errors": []string{"Pull request review thread line must be part of the diff"}})
			return
		}
		f.nextID++
		rv := &fakeReview{ID: f.nextID, NodeID: "PRR_" + strconv.FormatInt(f.nextID, 10), User: botUser, Body: req.Body,
			State: "COMMENTED", CommitID: req.CommitID, HTMLURL: "https://github.com/" + repoName + "/pull/2#pullrequestreview-" + strconv.FormatInt(f.nextID, 10)}
		f.reviews = append(f.reviews, rv)
		for _, c := range req.Comments {
			if c.Path == "" || c.Line <= 0 || c.Side != "RIGHT" {
				f.t.Errorf("review comment without path, line or side: %+v", c)
			}
			f.nextID++
			f.comments = append(f.comments, &fakeComment{ID: f.nextID, ReviewID: rv.ID, NodeID: "PRRC_" + strconv.FormatInt(f.nextID, 10),
				Path: c.Path, CommitID: req.CommitID, User: botUser, Body: c.Body, Line: c.Line, StartLine: c.StartLine, Side: c.Side})
		}
		f.write(w, 200, rv)
	case reviewPath.MatchString(p) && r.Method == http.MethodPut:
		id, _ := strconv.ParseInt(reviewPath.FindStringSubmatch(p)[4], 10, 64)
		var req struct {
			Body string `json:"body"`
		}
		_ = json.Unmarshal(body, &req)
		for _, rv := range f.reviews {
			if rv.ID == id {
				rv.Body = req.Body
				f.write(w, 200, rv)
				return
			}
		}
		f.write(w, 404, map[string]string{"message": "Not Found"})
	case commentsPath.MatchString(p) && r.Method == http.MethodGet:
		list := make([]any, len(f.comments))
		for i, c := range f.comments {
			list[i] = c
		}
		f.page(w, r, list)
	default:
		f.write(w, 404, map[string]string{"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})
	}
}

// page writes one page of list with GitHub's Link header.
func (f *fakeGitHub) page(w http.ResponseWriter, r *http.Request, list []any) {
	per := f.pageSize
	if n, err := strconv.Atoi(r.URL.Query().Get("per_page")); err == nil && n > 0 && n < per {
		per = n
	}
	page := 1
	if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 0 {
		page = n
	}
	start := min((page-1)*per, len(list))
	end := min(start+per, len(list))
	if end < len(list) {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(page+1))
		w.Header().Set("Link", fmt.Sprintf(`<%s%s?%s>; rel="next"`, f.URL, r.URL.Path, q.Encode()))
	}
	f.write(w, 200, list[start:end])
}

func (f *fakeGitHub) write(w http.ResponseWriter, code int, v any) {
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeGitHub) requests() []apiRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]apiRequest{}, f.reqs...)
}

func (f *fakeGitHub) state() ([]fakeReview, []fakeComment) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var rs []fakeReview
	for _, r := range f.reviews {
		rs = append(rs, *r)
	}
	var cs []fakeComment
	for _, c := range f.comments {
		cs = append(cs, *c)
	}
	return rs, cs
}

// ---------------------------------------------------------------------
// Running `secretsweep action` in process as a job step.

// job is a runner-like environment for one step.
type job struct {
	t   *testing.T
	env map[string]string
	tmp string
	// awsConfig is the Factory's AWSConfig (nil: none).
	awsConfig func(ctx context.Context, region string) (aws.Config, error)
}

func newJob(t *testing.T, o *origin, api *fakeGitHub, event, payload, workspace string) *job {
	t.Helper()
	tmp := t.TempDir()
	j := &job{t: t, tmp: tmp, env: map[string]string{
		"GITHUB_ACTIONS":      "true",
		"CI":                  "true",
		"GITHUB_EVENT_NAME":   event,
		"GITHUB_EVENT_PATH":   payload,
		"GITHUB_REPOSITORY":   repoName,
		"GITHUB_WORKSPACE":    workspace,
		"GITHUB_STEP_SUMMARY": filepath.Join(tmp, "summary.md"),
		"GITHUB_OUTPUT":       filepath.Join(tmp, "output"),
		"RUNNER_TEMP":         filepath.Join(tmp, "runner"),
		"GITHUB_TOKEN":        testToken,
	}}
	if o != nil {
		j.env["GITHUB_SERVER_URL"] = o.srv.URL
	}
	if api != nil {
		j.env["GITHUB_API_URL"] = api.URL
	}
	for _, name := range []string{"GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"} {
		if err := os.WriteFile(j.env[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(j.env["RUNNER_TEMP"], 0o755); err != nil {
		t.Fatal(err)
	}
	return j
}

// result is what a step printed and wrote.
type result struct {
	code           int
	stdout, stderr string
	summary        string
	outputs        map[string]string
	files          string // the contents of every file under RUNNER_TEMP
}

func (r *result) all() string {
	return r.stdout + r.stderr + r.summary + fmt.Sprint(r.outputs) + r.files
}

// run runs `secretsweep action args...` in process.
func (j *job) run(args ...string) *result {
	j.t.Helper()
	var out, errOut bytes.Buffer
	f := &cmd.Factory{
		IO:         &cmd.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now:        time.Now,
		Getenv:     func(k string) string { return j.env[k] },
		HTTPClient: func() *http.Client { return &http.Client{Timeout: 30 * time.Second} },
		Version:    "test",
		AWSConfig:  j.awsConfig,
		Hasher: func() (finding.Hasher, error) {
			return finding.NewHasher([]byte("FAKE-action-test-hash-key-0123456789"))
		},
	}
	code := cmd.Main(append([]string{"action"}, args...), f)
	return j.collect(code, out.String(), errOut.String())
}

func (j *job) collect(code int, stdout, stderr string) *result {
	j.t.Helper()
	res := &result{code: code, stdout: stdout, stderr: stderr, outputs: map[string]string{}}
	if data, err := os.ReadFile(j.env["GITHUB_STEP_SUMMARY"]); err == nil {
		res.summary = string(data)
	}
	if data, err := os.ReadFile(j.env["GITHUB_OUTPUT"]); err == nil {
		res.outputs = parseOutputs(string(data))
	}
	var files strings.Builder
	_ = filepath.WalkDir(j.env["RUNNER_TEMP"], func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if data, err := os.ReadFile(p); err == nil {
				files.Write(data)
			}
		}
		return nil
	})
	res.files = files.String()
	return res
}

// parseOutputs reads a GITHUB_OUTPUT file (name=value lines and
// name<<DELIM heredocs).
func parseOutputs(s string) map[string]string {
	out := map[string]string{}
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			for i++; i < len(lines) && lines[i] != delim; i++ {
				val = append(val, lines[i])
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

// payload loads testdata/payloads/name, applies edits (dotted JSON paths
// to values) and writes it to a temporary file.
func payload(t *testing.T, name string, edits map[string]any) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "payloads", name))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for path, v := range edits {
		keys := strings.Split(path, ".")
		m := doc
		for _, k := range keys[:len(keys)-1] {
			next, ok := m[k].(map[string]any)
			if !ok {
				t.Fatalf("payload %s has no object at %s", name, path)
			}
			m = next
		}
		m[keys[len(keys)-1]] = v
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// ---------------------------------------------------------------------
// Assertions.

// noValues fails when any planted value (or a 12-character piece of one)
// appears in text.
func noValues(t *testing.T, text string) {
	t.Helper()
	for _, v := range allLeaks {
		for i := 0; i+12 <= len(v); i++ {
			if strings.Contains(text, v[i:i+12]) {
				t.Fatalf("output holds part of a secret value %q", v[i:i+12])
			}
		}
	}
	if strings.Contains(text, testToken) {
		t.Fatal("output holds the token")
	}
}

// annotations returns the ::error lines of stdout.
func annotations(stdout string) []string {
	var out []string
	for _, l := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(l, "::error ") {
			out = append(out, l)
		}
	}
	return out
}
