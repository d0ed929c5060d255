package ghlogs

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-github/v60/github"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/ghclient"
)

const (
	testToken = "gho_FAKEtesttokenforthefakegithubserver0"
	// fakePAT is a syntactically valid, obviously fake GitHub token.
	fakePAT = "ghp_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa"
	owner   = "octo-org"
	repo    = "octo-repo"
)

// fakeRun is a workflow run the fake server knows.
type fakeRun struct {
	id         int64
	name, file string
	workflowID int64
	zip        []byte
	logsStatus int // status of GET .../logs instead of the 302, when set
}

// fakeGitHub answers the Actions endpoints the way api.github.com documents
// them: run lists shaped like testdata/workflow_run.json, a 302 from
// .../runs/{id}/logs to a signed archive URL, the archive itself. Every
// request is counted by "METHOD path" (credtest.Calls): tests Expect the
// calls that must happen (listRuns, downloads ...) and Verify them; a
// request for an endpoint the fake does not serve fails Verify.
type fakeGitHub struct {
	credtest.Calls
	t    testing.TB
	srv  *httptest.Server
	runs []fakeRun // newest first

	mu sync.Mutex
	// before, when set, may answer a request instead of the normal handler.
	before func(w http.ResponseWriter, r *http.Request) bool
	// blob, when set, serves archives instead of the zip bytes.
	blob func(w http.ResponseWriter, r *http.Request, run fakeRun)
	// authOnBlob records an Authorization header seen on an archive download.
	authOnBlob bool
}

func newFakeGitHub(t testing.TB, runs ...fakeRun) *fakeGitHub {
	t.Helper()
	g := &fakeGitHub{t: t, runs: runs}
	g.srv = httptest.NewServer(http.HandlerFunc(g.serve))
	t.Cleanup(g.srv.Close)
	return g
}

// client returns a go-github client aimed at the fake server the way GHES
// is configured: GITHUB_API_URL and GITHUB_TOKEN.
func (g *fakeGitHub) client(token string) *github.Client {
	env := map[string]string{"GITHUB_API_URL": g.srv.URL + "/api/v3", "GITHUB_TOKEN": token}
	c, err := ghclient.New(g.srv.Client(), func(k string) string { return env[k] })
	if err != nil {
		g.t.Fatal(err)
	}
	return c
}

// actionsAPI is the path of the repository's Actions endpoints.
const actionsAPI = "/api/v3/repos/" + owner + "/" + repo + "/actions/"

// Calls of the fake, as credtest.Calls names them.
const (
	listRuns      = "GET " + actionsAPI + "runs"
	listWorkflows = "GET " + actionsAPI + "workflows"
)

func workflowRuns(workflow string) string {
	return "GET " + actionsAPI + "workflows/" + workflow + "/runs"
}
func runLogs(id int64) string { return fmt.Sprintf("GET %sruns/%d/logs", actionsAPI, id) }
func archive(id int64) string { return fmt.Sprintf("GET /blob/runs/%d/logs.zip", id) }

// expectDownloads expects each run's logs to be asked for and its archive
// downloaded, once.
func (g *fakeGitHub) expectDownloads(ids ...int64) {
	for _, id := range ids {
		g.ExpectTimes(1, runLogs(id), archive(id))
	}
}

func (g *fakeGitHub) serve(w http.ResponseWriter, r *http.Request) {
	g.Record(r)
	if g.before != nil && g.before(w, r) {
		return
	}
	if strings.HasPrefix(r.URL.Path, "/blob/") {
		g.serveBlob(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		writeJSON(w, http.StatusUnauthorized, map[string]string{
			"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest",
		})
		return
	}
	w.Header().Set("X-RateLimit-Limit", "5000")
	w.Header().Set("X-RateLimit-Remaining", "4999")
	p, ok := strings.CutPrefix(r.URL.Path, actionsAPI)
	if !ok {
		g.Unrouted(r)
		notFound(w)
		return
	}
	parts := strings.Split(p, "/")
	switch {
	case p == "runs":
		g.list(w, r, func(fakeRun) bool { return true })
	case p == "workflows":
		g.workflows(w)
	case len(parts) == 3 && parts[0] == "workflows" && parts[2] == "runs":
		match := func(fr fakeRun) bool {
			return parts[1] == fr.file || parts[1] == strconv.FormatInt(fr.workflowID, 10)
		}
		known := false
		for _, fr := range g.runs {
			known = known || match(fr)
		}
		if !known { // GitHub answers 404 for an unknown workflow
			notFound(w)
			return
		}
		g.list(w, r, match)
	case len(parts) == 3 && parts[0] == "runs" && parts[2] == "logs":
		g.logs(w, parts[1])
	default:
		g.Unrouted(r)
		notFound(w)
	}
}

func notFound(w http.ResponseWriter) {
	writeJSON(w, http.StatusNotFound, map[string]string{
		"message": "Not Found", "documentation_url": "https://docs.github.com/rest",
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

// runJSON is testdata/workflow_run.json with this run's identity.
func (g *fakeGitHub) runJSON(fr fakeRun) map[string]any {
	data, err := os.ReadFile("testdata/workflow_run.json")
	if err != nil {
		g.t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		g.t.Fatal(err)
	}
	api := g.srv.URL + "/api/v3/repos/" + owner + "/" + repo
	m["id"] = fr.id
	m["name"] = fr.name
	m["path"] = ".github/workflows/" + fr.file
	m["workflow_id"] = fr.workflowID
	m["html_url"] = fmt.Sprintf("https://github.com/%s/%s/actions/runs/%d", owner, repo, fr.id)
	m["url"] = fmt.Sprintf("%s/actions/runs/%d", api, fr.id)
	m["logs_url"] = fmt.Sprintf("%s/actions/runs/%d/logs", api, fr.id)
	return m
}

// list serves a paginated run list honouring per_page, page and status.
func (g *fakeGitHub) list(w http.ResponseWriter, r *http.Request, keep func(fakeRun) bool) {
	q := r.URL.Query()
	if q.Get("status") != "completed" {
		g.t.Errorf("run list without status=completed: %s", r.URL.RawQuery)
	}
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page <= 0 {
		page = 1
	}
	var all []map[string]any
	for _, fr := range g.runs {
		if keep(fr) {
			all = append(all, g.runJSON(fr))
		}
	}
	lo, hi := min((page-1)*per, len(all)), min(page*per, len(all))
	if hi < len(all) {
		next := *r.URL
		q.Set("page", strconv.Itoa(page+1))
		next.RawQuery = q.Encode()
		w.Header().Set("Link", fmt.Sprintf(`<%s%s>; rel="next"`, g.srv.URL, next.RequestURI()))
	}
	writeJSON(w, http.StatusOK, map[string]any{"total_count": len(all), "workflow_runs": all[lo:hi]})
}

func (g *fakeGitHub) workflows(w http.ResponseWriter) {
	seen := map[int64]bool{}
	var wfs []map[string]any
	for _, fr := range g.runs {
		if seen[fr.workflowID] {
			continue
		}
		seen[fr.workflowID] = true
		wfs = append(wfs, map[string]any{
			"id": fr.workflowID, "node_id": "MDg6V29ya2Zsb3cxNjE", "name": fr.name,
			"path": ".github/workflows/" + fr.file, "state": "active",
			"created_at": "2020-01-08T23:48:37.000-08:00", "updated_at": "2020-01-08T23:50:21.000-08:00",
			"url":      fmt.Sprintf("%s/api/v3/repos/%s/%s/actions/workflows/%d", g.srv.URL, owner, repo, fr.workflowID),
			"html_url": fmt.Sprintf("https://github.com/%s/%s/blob/main/.github/workflows/%s", owner, repo, fr.file),
		})
	}
	writeJSON(w, http.StatusOK, map[string]any{"total_count": len(wfs), "workflows": wfs})
}

func (g *fakeGitHub) find(id string) (fakeRun, bool) {
	for _, fr := range g.runs {
		if strconv.FormatInt(fr.id, 10) == id {
			return fr, true
		}
	}
	return fakeRun{}, false
}

// logs answers GET .../runs/{id}/logs with GitHub's 302 to a signed URL.
func (g *fakeGitHub) logs(w http.ResponseWriter, id string) {
	fr, ok := g.find(id)
	if !ok {
		notFound(w)
		return
	}
	switch fr.logsStatus {
	case 0:
	case http.StatusGone:
		writeJSON(w, http.StatusGone, map[string]string{
			"message":           "The logs for this run have expired and are no longer available.",
			"documentation_url": "https://docs.github.com/rest/actions/workflow-runs#download-workflow-run-logs",
		})
		return
	default:
		notFound(w)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("%s/blob/runs/%s/logs.zip?sv=2021-08-06&se=2024-01-01T00%%3A01%%3A00Z&sig=FAKEsignature", g.srv.URL, id))
	w.WriteHeader(http.StatusFound)
}

func (g *fakeGitHub) serveBlob(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "" {
		g.mu.Lock()
		g.authOnBlob = true
		g.mu.Unlock()
	}
	id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/blob/runs/"), "/logs.zip")
	fr, ok := g.find(id)
	if !ok || r.URL.Query().Get("sig") == "" {
		w.WriteHeader(http.StatusForbidden)
		return
	}
	if g.blob != nil {
		g.blob(w, r, fr)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Length", strconv.Itoa(len(fr.zip)))
	_, _ = w.Write(fr.zip)
}

// logZip builds a run archive laid out as GitHub does: "<n>_<job>.txt" with
// the whole job log and "<job>/<n>_<step>.txt" per step. steps maps a job to
// its step files (name -> lines without timestamps).
func logZip(t testing.TB, jobs []string, steps map[string][][2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, job := range jobs {
		var whole strings.Builder
		whole.WriteString("\ufeff")
		for j, st := range steps[job] {
			text := stamp(st[1])
			whole.WriteString(text)
			if strings.HasSuffix(job, "(no steps)") {
				continue
			}
			w, err := zw.Create(fmt.Sprintf("%s/%d_%s.txt", job, j+1, st[0]))
			if err != nil {
				t.Fatal(err)
			}
			_, _ = w.Write([]byte("\ufeff" + text))
		}
		w, err := zw.Create(fmt.Sprintf("%d_%s.txt", i+1, job))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(whole.String()))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// stamp prefixes each line with a runner timestamp, with CRLF endings as
// Windows runners write them on odd lines.
func stamp(text string) string {
	var b strings.Builder
	for i, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		fmt.Fprintf(&b, "2024-01-01T00:00:%02d.%07dZ %s", i%60, 1234567+i, l)
		if i%2 == 1 {
			b.WriteString("\r")
		}
		b.WriteString("\n")
	}
	return b.String()
}
