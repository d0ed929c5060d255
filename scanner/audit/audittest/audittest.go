// Package audittest stands in for GitHub in tests of organisation audits:
// a git server (git http-backend behind net/http/cgi on loopback) serving
// repositories that tests build with go-git, and a REST API that lists
// them the way api.github.com does (real-shaped objects, Link pagination),
// can refuse a request with a secondary rate limit, and exchanges a GitHub
// App's JWT for installation tokens.
package audittest

import (
	"archive/zip"
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

//go:embed repo.json
var repoJSON []byte

// Org is a fake GitHub organisation: its API server and its git server.
type Org struct {
	T    testing.TB
	Name string
	// API is the REST API; its URL + "/api/v3" is GITHUB_API_URL.
	API *httptest.Server
	// Git serves the repositories over git's smart HTTP protocol.
	Git *httptest.Server
	// Token is the personal access token the servers accept.
	Token string

	root string // GIT_PROJECT_ROOT

	mu    sync.Mutex
	repos []*Repo
	// installation tokens issued, and JWTs seen
	issued    map[string]bool
	exchanges int
	appKey    *rsa.PrivateKey
	appID     int64
	tokenTTL  time.Duration
	// Before, when set, may answer an API request instead of the server.
	Before func(w http.ResponseWriter, r *http.Request) bool
	// GitBefore, when set, may answer a git request instead of the server.
	GitBefore func(w http.ResponseWriter, r *http.Request) bool
	// GitHits counts git requests per repository name.
	gitHits map[string]int
	// GitAuth records the users and passwords git sent.
	gitAuth []string
	// gitURLs records the git request URLs as received.
	gitURLs []string
	apiHits map[string]int
	runs    map[string][]Run // Actions runs by repository name
}

// Run is a completed Actions run and its log archive.
type Run struct {
	ID   int64
	Name string
	// Logs maps each job to its one step's log text.
	Logs map[string]string
}

// Repo is one repository of the organisation.
type Repo struct {
	Name          string
	Fork          bool
	Archived      bool
	DefaultBranch string
	// Missing makes the listing name a repository the git server does not have.
	Missing bool
	// Dir is the work tree (nil repo for Empty ones).
	Dir  string
	repo *git.Repository
	when time.Time
}

// NewOrg starts the servers. Tests that need git skip (or fail under CI)
// when git http-backend is not installed.
func NewOrg(t testing.TB, name, token string) *Org {
	t.Helper()
	backend := httpBackend(t)
	o := &Org{T: t, Name: name, Token: token, root: t.TempDir(), issued: map[string]bool{},
		gitHits: map[string]int{}, apiHits: map[string]int{}, runs: map[string][]Run{}, tokenTTL: time.Hour}
	if err := os.MkdirAll(filepath.Join(o.root, name), 0o755); err != nil {
		t.Fatal(err)
	}
	cgiHandler := &cgi.Handler{
		Path: backend,
		Root: "/git",
		Env:  []string{"GIT_PROJECT_ROOT=" + o.root, "GIT_HTTP_EXPORT_ALL=1"},
		// "Not a git repository" for the missing one is expected.
		Stderr: io.Discard,
	}
	o.Git = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.serveGit(w, r, cgiHandler)
	}))
	t.Cleanup(o.Git.Close)
	o.API = httptest.NewServer(http.HandlerFunc(o.serveAPI))
	t.Cleanup(o.API.Close)
	return o
}

// httpBackend finds git http-backend.
func httpBackend(t testing.TB) string {
	out, err := exec.Command("git", "--exec-path").Output()
	if err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "git-http-backend")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("git http-backend is needed (install git): %v", err)
	}
	t.Skipf("SKIPPING: git http-backend not found (install git); these tests need it")
	return ""
}

// APIURL is the value of GITHUB_API_URL.
func (o *Org) APIURL() string { return o.API.URL + "/api/v3" }

// AddRepo creates a repository with go-git and publishes it.
func (o *Org) AddRepo(r *Repo) *Repo {
	o.T.Helper()
	if r.DefaultBranch == "" {
		r.DefaultBranch = "main"
	}
	r.when = time.Date(2023, 1, 2, 9, 0, 0, 0, time.UTC)
	if !r.Missing {
		r.Dir = o.T.TempDir()
		repo, err := git.PlainInitWithOptions(r.Dir, &git.PlainInitOptions{
			InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName(r.DefaultBranch)},
		})
		if err != nil {
			o.T.Fatal(err)
		}
		r.repo = repo
		link := filepath.Join(o.root, o.Name, r.Name+".git")
		if err := os.Symlink(filepath.Join(r.Dir, ".git"), link); err != nil {
			o.T.Fatal(err)
		}
	}
	o.mu.Lock()
	o.repos = append(o.repos, r)
	o.mu.Unlock()
	return r
}

// AddGitDir publishes an existing repository (its git directory) under name.
func (o *Org) AddGitDir(name, gitDir string) *Repo {
	o.T.Helper()
	r := &Repo{Name: name, DefaultBranch: "main", when: time.Date(2023, 1, 2, 9, 0, 0, 0, time.UTC)}
	if err := os.Symlink(gitDir, filepath.Join(o.root, o.Name, name+".git")); err != nil {
		o.T.Fatal(err)
	}
	o.mu.Lock()
	o.repos = append(o.repos, r)
	o.mu.Unlock()
	return r
}

// AddRun gives repository name a completed Actions run.
func (o *Org) AddRun(name string, run Run) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.runs[name] = append(o.runs[name], run)
}

// Commit writes files ("" deletes one) and commits them, a day after the
// repository's previous commit. It returns the commit's hash.
func (r *Repo) Commit(t testing.TB, msg string, files map[string]string) string {
	t.Helper()
	wt, err := r.repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if files[n] == "" {
			if _, err := wt.Remove(n); err != nil {
				t.Fatal(err)
			}
			continue
		}
		p := filepath.Join(r.Dir, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[n]), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add(n); err != nil {
			t.Fatal(err)
		}
	}
	r.when = r.when.Add(24 * time.Hour)
	sig := &object.Signature{Name: "Dev Eloper", Email: "dev@example.com", When: r.when}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

// Branch creates a branch at the current HEAD.
func (r *Repo) Branch(t testing.TB, name string) {
	t.Helper()
	head, err := r.repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(name), head.Hash())); err != nil {
		t.Fatal(err)
	}
}

// GitHits returns how many git requests asked for repository name.
func (o *Org) GitHits(name string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.gitHits[name]
}

// GitAuth returns the credentials git requests carried ("user:password").
func (o *Org) GitAuth() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.gitAuth...)
}

// GitURLs returns the URLs of git requests as the server received them.
func (o *Org) GitURLs() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.gitURLs...)
}

// APIHits counts API requests by "METHOD path?page=N".
func (o *Org) APIHits(key string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.apiHits[key]
}

// Exchanges is how many installation tokens were issued.
func (o *Org) Exchanges() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.exchanges
}

// Issued reports whether token is an installation token this server issued.
func (o *Org) Issued(token string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.issued[token]
}

// EnableApp makes the API accept GitHub App appID: it returns the path of
// a fresh private key file. Installation tokens live for ttl (under a
// minute makes every use refresh the token).
func (o *Org) EnableApp(appID int64, ttl time.Duration) string {
	o.T.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		o.T.Fatal(err)
	}
	o.mu.Lock()
	o.appKey, o.appID, o.tokenTTL = key, appID, ttl
	o.mu.Unlock()
	p := filepath.Join(o.T.TempDir(), "app.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	if err := os.WriteFile(p, pemBytes, 0o600); err != nil {
		o.T.Fatal(err)
	}
	return p
}

// authorized checks an API request's credentials: the token, or an
// installation token this server issued.
func (o *Org) authorized(r *http.Request) bool {
	h := r.Header.Get("Authorization")
	tok := strings.TrimPrefix(strings.TrimPrefix(h, "Bearer "), "token ")
	o.mu.Lock()
	defer o.mu.Unlock()
	return (tok == o.Token && o.Token != "") || o.issued[tok]
}

func (o *Org) serveAPI(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	o.apiHits[r.Method+" "+r.URL.Path+pageSuffix(r)]++
	before := o.Before
	o.mu.Unlock()
	if before != nil && before(w, r) {
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-GitHub-Api-Version-Selected", "2022-11-28")
	path := strings.TrimPrefix(r.URL.Path, "/api/v3")
	if r.Method == http.MethodPost && strings.HasPrefix(path, "/app/installations/") && strings.HasSuffix(path, "/access_tokens") {
		o.exchange(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/blob/") { // a pre-signed archive URL: no credentials
		o.serveArchive(w, r)
		return
	}
	if !o.authorized(r) {
		writeError(w, http.StatusUnauthorized, "Bad credentials")
		return
	}
	if r.Method == http.MethodGet && path == "/orgs/"+o.Name+"/repos" {
		o.listRepos(w, r)
		return
	}
	if rest, ok := strings.CutPrefix(path, "/repos/"+o.Name+"/"); ok && r.Method == http.MethodGet {
		if o.serveActions(w, r, rest) {
			return
		}
	}
	writeError(w, http.StatusNotFound, "Not Found")
}

func pageSuffix(r *http.Request) string {
	if p := r.URL.Query().Get("page"); p != "" {
		return "?page=" + p
	}
	return ""
}

func writeError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"message": msg, "documentation_url": "https://docs.github.com/rest"})
}

// SecondaryRateLimit answers a request as GitHub does when it hits the
// secondary rate limit.
func SecondaryRateLimit(w http.ResponseWriter, retryAfter int) {
	w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
	w.Header().Set("X-RateLimit-Limit", "5000")
	w.Header().Set("X-RateLimit-Remaining", "4990")
	writeError(w, http.StatusForbidden, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
}

// listRepos answers GET /orgs/{org}/repos with per_page/page pagination
// and a Link header, as GitHub does.
func (o *Org) listRepos(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page <= 0 {
		page = 1
	}
	o.mu.Lock()
	repos := append([]*Repo(nil), o.repos...)
	o.mu.Unlock()
	sort.Slice(repos, func(i, j int) bool { return repos[i].Name < repos[j].Name })
	last := max((len(repos)+per-1)/per, 1)
	lo, hi := min((page-1)*per, len(repos)), min(page*per, len(repos))
	var out []map[string]any
	for i, rp := range repos[lo:hi] {
		out = append(out, o.repoObject(lo+i+1, rp))
	}
	if out == nil {
		out = []map[string]any{}
	}
	link := func(p int, rel string) string {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		qq := u.Query()
		qq.Set("page", strconv.Itoa(p))
		u.RawQuery = qq.Encode()
		return fmt.Sprintf("<%s>; rel=%q", u.String(), rel)
	}
	var links []string
	if page < last {
		links = append(links, link(page+1, "next"), link(last, "last"))
	}
	if page > 1 {
		links = append(links, link(1, "first"), link(page-1, "prev"))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	w.Header().Set("X-RateLimit-Limit", "5000")
	w.Header().Set("X-RateLimit-Remaining", "4999")
	w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
	json.NewEncoder(w).Encode(out)
}

// repoObject fills repo.json (the shape of an item of GitHub's
// "list organization repositories" answer) for rp.
func (o *Org) repoObject(id int, rp *Repo) map[string]any {
	var m map[string]any
	if err := json.Unmarshal(repoJSON, &m); err != nil {
		o.T.Fatal(err)
	}
	full := o.Name + "/" + rp.Name
	repl := strings.NewReplacer("octo-org/octo-repo", full, "octo-org", o.Name, "octo-repo", rp.Name)
	for k, v := range m {
		if s, ok := v.(string); ok {
			m[k] = repl.Replace(s)
		}
	}
	owner := m["owner"].(map[string]any)
	for k, v := range owner {
		if s, ok := v.(string); ok {
			owner[k] = repl.Replace(s)
		}
	}
	m["id"] = 1000 + id
	m["node_id"] = base64.StdEncoding.EncodeToString([]byte("010:Repository" + strconv.Itoa(1000+id)))
	m["fork"], m["archived"], m["default_branch"] = rp.Fork, rp.Archived, rp.DefaultBranch
	m["clone_url"] = o.Git.URL + "/git/" + full + ".git"
	m["pushed_at"] = rp.when.Format(time.RFC3339)
	return m
}

// exchange answers POST /app/installations/{id}/access_tokens: the JWT
// must be an RS256 token signed with the app's key, issued for its id.
func (o *Org) exchange(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	key, appID, ttl := o.appKey, o.appID, o.tokenTTL
	o.mu.Unlock()
	if key == nil {
		writeError(w, http.StatusNotFound, "Not Found")
		return
	}
	jwt, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || checkJWT(jwt, &key.PublicKey, appID) != nil {
		writeError(w, http.StatusUnauthorized, "A JSON web token could not be decoded")
		return
	}
	o.mu.Lock()
	o.exchanges++
	tok := fmt.Sprintf("ghs_%s%04d", strings.Repeat("Q", 32), o.exchanges)
	o.issued[tok] = true
	o.mu.Unlock()
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(map[string]any{
		"token":                tok,
		"expires_at":           time.Now().Add(ttl).UTC().Format(time.RFC3339),
		"permissions":          map[string]string{"contents": "read", "metadata": "read", "actions": "read"},
		"repository_selection": "all",
	})
}

// checkJWT verifies an RS256 JWT's signature, issuer and expiry.
func checkJWT(tok string, pub *rsa.PublicKey, appID int64) error {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return errors.New("not a JWT")
	}
	var head struct{ Alg string }
	var claims struct {
		Iss      any
		Exp, Iat int64
	}
	for i, v := range []any{&head, &claims} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, v); err != nil {
			return err
		}
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if head.Alg != "RS256" || rsa.VerifyPKCS1v15(pub, crypto.SHA256, sum[:], sig) != nil {
		return errors.New("bad signature")
	}
	if fmt.Sprint(claims.Iss) != strconv.FormatInt(appID, 10) || claims.Exp < time.Now().Unix() || claims.Exp-claims.Iat > 600 {
		return errors.New("bad claims")
	}
	return nil
}

// serveGit checks basic auth (x-access-token and an accepted token), then
// hands the request to git http-backend.
func (o *Org) serveGit(w http.ResponseWriter, r *http.Request, h http.Handler) {
	user, pass, ok := r.BasicAuth()
	o.mu.Lock()
	o.gitURLs = append(o.gitURLs, r.URL.String())
	if ok {
		o.gitAuth = append(o.gitAuth, user+":"+pass)
	}
	if name, _, found := strings.Cut(strings.TrimPrefix(r.URL.Path, "/git/"+o.Name+"/"), ".git"); found {
		o.gitHits[name]++
	}
	good := ok && user == "x-access-token" && (pass == o.Token && o.Token != "" || o.issued[pass])
	before := o.GitBefore
	o.mu.Unlock()
	if !good {
		w.Header().Set("WWW-Authenticate", `Basic realm="GitHub"`)
		http.Error(w, "authentication required", http.StatusUnauthorized)
		return
	}
	if before != nil && before(w, r) {
		return
	}
	h.ServeHTTP(w, r)
}

// serveActions answers the run list and the log redirect of a repository.
func (o *Org) serveActions(w http.ResponseWriter, r *http.Request, rest string) bool {
	parts := strings.Split(rest, "/")
	if len(parts) < 3 || parts[1] != "actions" || parts[2] != "runs" {
		return false
	}
	o.mu.Lock()
	runs := append([]Run(nil), o.runs[parts[0]]...)
	o.mu.Unlock()
	switch {
	case len(parts) == 3:
		var list []map[string]any
		for _, run := range runs {
			list = append(list, o.runObject(parts[0], run))
		}
		if list == nil {
			list = []map[string]any{}
		}
		json.NewEncoder(w).Encode(map[string]any{"total_count": len(list), "workflow_runs": list})
		return true
	case len(parts) == 5 && parts[4] == "logs":
		w.Header().Set("Location", fmt.Sprintf("%s/blob/%s/%s/logs.zip?sig=FAKEsignature", o.API.URL, parts[0], parts[3]))
		w.WriteHeader(http.StatusFound)
		return true
	}
	return false
}

func (o *Org) runObject(repo string, run Run) map[string]any {
	api := fmt.Sprintf("%s/api/v3/repos/%s/%s", o.API.URL, o.Name, repo)
	return map[string]any{
		"id": run.ID, "name": run.Name, "node_id": "WFR_kwLOFAKE" + strconv.FormatInt(run.ID, 10),
		"head_branch": "main", "head_sha": strings.Repeat("a", 40), "path": ".github/workflows/ci.yml",
		"run_number": 1, "event": "push", "status": "completed", "conclusion": "success", "workflow_id": 161335,
		"html_url":   fmt.Sprintf("https://github.com/%s/%s/actions/runs/%d", o.Name, repo, run.ID),
		"url":        fmt.Sprintf("%s/actions/runs/%d", api, run.ID),
		"logs_url":   fmt.Sprintf("%s/actions/runs/%d/logs", api, run.ID),
		"created_at": "2025-05-30T10:00:00Z", "updated_at": "2025-05-30T10:05:00Z",
	}
}

// serveArchive serves a run's log archive as GitHub lays it out: one file
// per job with all its steps, and a folder per job with a file per step.
func (o *Org) serveArchive(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/blob/"), "/")
	if len(parts) != 3 || r.Header.Get("Authorization") != "" {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	o.mu.Lock()
	runs := o.runs[parts[0]]
	o.mu.Unlock()
	for _, run := range runs {
		if strconv.FormatInt(run.ID, 10) != parts[1] {
			continue
		}
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		jobs := make([]string, 0, len(run.Logs))
		for j := range run.Logs {
			jobs = append(jobs, j)
		}
		sort.Strings(jobs)
		for i, job := range jobs {
			var text strings.Builder
			for _, line := range strings.SplitAfter(run.Logs[job], "\n") {
				if line != "" {
					text.WriteString("2025-05-30T10:01:02.0000000Z " + line)
				}
			}
			for _, name := range []string{fmt.Sprintf("%s/1_Run.txt", job), fmt.Sprintf("%d_%s.txt", i+1, job)} {
				f, err := zw.Create(name)
				if err != nil {
					o.T.Error(err)
					return
				}
				io.WriteString(f, "\ufeff"+text.String())
			}
		}
		zw.Close()
		w.Header().Set("Content-Type", "application/zip")
		w.Write(buf.Bytes())
		return
	}
	w.WriteHeader(http.StatusNotFound)
}
