package audit

import (
	"context"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner/audit/audittest"
)

func repoNames(rep *Report) []string {
	var out []string
	for _, r := range rep.Repositories {
		out = append(out, r.Repository)
	}
	return out
}

func repoResult(t *testing.T, rep *Report, name string) RepoResult {
	t.Helper()
	for _, r := range rep.Repositories {
		if r.Repository == name {
			return r
		}
	}
	t.Fatalf("no repository %s in %v", name, repoNames(rep))
	return RepoResult{}
}

func TestAuditOrg(t *testing.T) {
	fx := newFixture(t)
	// The second page first meets GitHub's secondary rate limit.
	limited := false
	fx.org.Before = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Query().Get("page") == "2" && !limited {
			limited = true
			audittest.SecondaryRateLimit(w, 7)
			return true
		}
		return false
	}
	tmp := t.TempDir()
	rep := fx.run(t, func(o *Options) { o.TempDir = tmp })

	if !slices.Equal(fx.sleeps, []time.Duration{7 * time.Second}) {
		t.Errorf("rate-limit waits %v, want one of 7s (Retry-After)", fx.sleeps)
	}
	if n := fx.org.APIHits("GET /api/v3/orgs/acme/repos?page=2"); n != 2 {
		t.Errorf("page 2 asked %d times, want 2 (refused, then retried)", n)
	}
	for p := 3; p <= 4; p++ {
		if n := fx.org.APIHits("GET /api/v3/orgs/acme/repos?page=" + string(rune('0'+p))); n != 1 {
			t.Errorf("page %d asked %d times", p, n)
		}
	}
	want := []string{"acme/api", "acme/broken", "acme/docs", "acme/empty", "acme/tools", "acme/web"}
	if got := repoNames(rep); !slices.Equal(got, want) {
		t.Errorf("repositories %v, want %v (no fork, no archived)", got, want)
	}
	if r := repoResult(t, rep, "acme/broken"); r.Status != StatusFailed || !strings.Contains(r.Reason, "clone") {
		t.Errorf("broken: %+v", r)
	}
	if r := repoResult(t, rep, "acme/empty"); r.Status != StatusFailed || !strings.Contains(r.Reason, "empty") {
		t.Errorf("empty: %+v", r)
	}
	if r := repoResult(t, rep, "acme/api"); r.Status != StatusOK || r.Scan != ScanFull || r.Commits != 3 || r.Findings != 1 {
		t.Errorf("api: %+v", r)
	}

	// Findings name their repository and link to the commit and line.
	if len(rep.Findings) != 2 {
		t.Fatalf("%d findings, want 2: %+v", len(rep.Findings), rep.Findings)
	}
	api, web := rep.Findings[0], rep.Findings[1]
	if api.Repository != "acme/api" || api.RuleID != "github-pat" || api.File != "config.py" ||
		api.Link != "https://github.com/acme/api/blob/"+api.Commit+"/config.py#L2" {
		t.Errorf("api finding: %+v", api)
	}
	if web.Repository != "acme/web" || web.File != ".github/workflows/deploy.yml" ||
		!strings.HasPrefix(web.Link, "https://github.com/acme/web/blob/"+web.Commit+"/.github/workflows/deploy.yml#L6") {
		t.Errorf("web finding: %+v", web)
	}

	// Secrets appear in no format; the token went as basic auth only.
	for _, format := range Formats() {
		out := render(t, rep, format)
		for _, secret := range []string{fakePAT1, fakeAWS, testToken} {
			if strings.Contains(out, secret) {
				t.Errorf("%s report holds a secret or the token", format)
			}
		}
	}
	for _, u := range fx.org.GitURLs() {
		if strings.Contains(u, testToken) || strings.Contains(u, "@") {
			t.Errorf("git URL carries credentials: %s", u)
		}
	}
	if auth := fx.org.GitAuth(); len(auth) == 0 || !slices.Contains(auth, "x-access-token:"+testToken) {
		t.Errorf("git requests did not carry the token as basic auth: %d credentials seen", len(auth))
	}
	// Temporary clones are gone.
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary clones left behind: %v", left)
	}
	golden(t, "org.json", render(t, rep, "json"), fx)
	golden(t, "org.csv", render(t, rep, "csv"), fx)
}

func TestAuditIncludeAndFilter(t *testing.T) {
	fx := newFixture(t)
	rep := fx.run(t, func(o *Options) {
		o.Select = Selection{IncludeForks: true, IncludeArchived: true, Filters: []string{"legacy", "acme/*-fork", "web", "docs"}, Excludes: []string{"web", "acme/doc?"}}
	})
	want := []string{"acme/legacy", "acme/upstream-fork"}
	if got := repoNames(rep); !slices.Equal(got, want) {
		t.Fatalf("repositories %v, want %v", got, want)
	}
	if len(rep.Findings) != 2 || rep.Findings[0].Repository != "acme/legacy" || rep.Findings[1].Repository != "acme/upstream-fork" {
		t.Errorf("findings %+v", rep.Findings)
	}
	if r := repoResult(t, rep, "acme/legacy"); !r.Archived {
		t.Errorf("legacy not marked archived: %+v", r)
	}
}

func TestAuditRepoTimeout(t *testing.T) {
	fx := newFixture(t)
	fx.org.GitBefore = func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/docs.git/") {
			<-r.Context().Done() // a server that never answers
			return true
		}
		return false
	}
	rep := fx.run(t, func(o *Options) {
		o.RepoTimeout = 3 * time.Second
		o.Select.Filters = []string{"docs", "tools"}
	})
	if r := repoResult(t, rep, "acme/docs"); r.Status != StatusFailed || !strings.Contains(r.Reason, "timed out") {
		t.Errorf("docs: %+v", r)
	}
	if r := repoResult(t, rep, "acme/tools"); r.Status != StatusOK {
		t.Errorf("tools: %+v (the audit must go on after a timeout)", r)
	}
}

func TestAuditCacheDir(t *testing.T) {
	fx := newFixture(t)
	cache := t.TempDir()
	opt := func(o *Options) { o.CacheDir = cache; o.Select.Filters = []string{"api"} }
	first := fx.run(t, opt)
	if _, err := os.Stat(cache + "/acme/api.git/HEAD"); err != nil {
		t.Fatalf("no cached clone: %v", err)
	}
	fx.repos["api"].Commit(t, "more", map[string]string{"more.txt": "more\n"})
	second := fx.run(t, opt)
	if len(first.Findings) != 1 || len(second.Findings) != 1 || first.Findings[0].Fingerprint != second.Findings[0].Fingerprint {
		t.Errorf("findings changed with a cached clone: %+v / %+v", first.Findings, second.Findings)
	}
	if r := repoResult(t, second, "acme/api"); r.Commits != 4 {
		t.Errorf("second run saw %d commits, want 4 (fetch brought the new one)", r.Commits)
	}
}

func TestAuditIncremental(t *testing.T) {
	fx := newFixture(t)
	state := t.TempDir() + "/state.json"
	withState := func(o *Options) { o.StatePath = state }
	// The audited repository's own settings do not steer the audit: the
	// leak to come is in its .gitleaksignore, and its config allowlists it.
	fx.repos["api"].Commit(t, "settings", map[string]string{
		".gitleaksignore":   "deploy/secrets.env:github-pat:1\n",
		".secretsweep.toml": "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['^deploy/']\n",
	})
	first := fx.run(t, withState)
	for _, f := range first.Findings {
		if markOf(&f) != MarkNew {
			t.Errorf("first run: %s marked %q, want new", f.Fingerprint, markOf(&f))
		}
	}

	// Two repositories move on: api gets a leak, docs two clean files.
	leak := fx.repos["api"].Commit(t, "env", map[string]string{"deploy/secrets.env": "GH_TOKEN=" + fakePAT2 + "\n"})
	fx.repos["docs"].Commit(t, "more docs", map[string]string{"a.md": "a\n", "b.md": "b\n"})

	second := fx.run(t, withState)
	for name, want := range map[string]struct {
		scan           string
		commits, blobs int
	}{
		"acme/api":   {ScanIncremental, 1, 1},
		"acme/docs":  {ScanIncremental, 1, 2},
		"acme/web":   {ScanUnchanged, 0, 0},
		"acme/tools": {ScanUnchanged, 0, 0},
	} {
		r := repoResult(t, second, name)
		if r.Scan != want.scan || r.Commits != want.commits || r.Blobs != want.blobs {
			t.Errorf("%s: scan %s, %d commits, %d blobs read; want %s, %d, %d", name, r.Scan, r.Commits, r.Blobs, want.scan, want.commits, want.blobs)
		}
	}
	// Every open finding is listed; only the new leak is new.
	if len(second.Findings) != 3 {
		t.Fatalf("%d findings, want 3: %+v", len(second.Findings), second.Findings)
	}
	for _, f := range second.Findings {
		want := MarkKnown
		if f.Commit == leak {
			want = MarkNew
		}
		if markOf(&f) != want {
			t.Errorf("%s %s: marked %q, want %q", f.Repository, f.File, markOf(&f), want)
		}
	}
	if second.NewFindings() != 1 || repoResult(t, second, "acme/api").New != 1 {
		t.Errorf("new findings: %d", second.NewFindings())
	}

	// A third run with nothing new reads nothing and reports all as known.
	third := fx.run(t, withState)
	for _, r := range third.Repositories {
		if r.Blobs != 0 {
			t.Errorf("%s: %d blobs read with nothing new", r.Repository, r.Blobs)
		}
	}
	if len(third.Findings) != 3 || third.NewFindings() != 0 {
		t.Errorf("third run: %d findings, %d new", len(third.Findings), third.NewFindings())
	}
	// The state holds no secret.
	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{fakePAT1, fakePAT2, fakeAWS} {
		if strings.Contains(string(data), s) {
			t.Error("the state file holds a secret")
		}
	}
}

func TestAuditShardsMergeToUnsharded(t *testing.T) {
	fx := newFixture(t)
	all := fx.run(t, nil)
	var parts []*Report
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		part := fx.run(t, func(o *Options) { o.Select.Shard = Shard{I: i, N: 3} })
		for _, name := range repoNames(part) {
			seen[name]++
		}
		// Through JSON, as the shard jobs hand their reports over.
		rep, _, err := ReadFile("shard.json", []byte(render(t, part, "json")))
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, rep)
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s is in %d shards", name, n)
		}
	}
	merged, err := Merge(parts...)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats() {
		if got, want := render(t, merged, format), render(t, all, format); got != want {
			t.Errorf("%s: merged shards differ from one unsharded run:\n%s", format, firstDiff(want, got))
		}
	}
	if _, err := Merge(parts[0], parts[0]); err == nil && len(parts[0].Repositories) > 0 {
		t.Error("merging a shard with itself: no error")
	}
}

func TestAuditFailsClosedOnBadState(t *testing.T) {
	fx := newFixture(t)
	state := t.TempDir() + "/state.json"
	if err := os.WriteFile(state, []byte(`{"Kind":"something else"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	o := fx.options(t)
	o.StatePath = state
	if _, err := Run(context.Background(), o); err == nil || !strings.Contains(err.Error(), "not a secretsweep audit state") {
		t.Errorf("err = %v", err)
	}
}

func TestReportRefusesUnredacted(t *testing.T) {
	rep := &Report{Findings: []finding.Finding{{RuleID: "x", Secret: "plain", Fingerprint: "fp"}}}
	for _, format := range Formats() {
		if err := Write(&strings.Builder{}, format, rep, ""); err == nil {
			t.Errorf("%s: wrote an unredacted finding", format)
		}
	}
}

// A state or shard reports written under another hash key cannot say which
// secrets are known: the audit and the merge refuse them.
func TestAuditRefusesAnotherHashKey(t *testing.T) {
	fx := newFixture(t)
	state := t.TempDir() + "/state.json"
	first := fx.run(t, func(o *Options) { o.StatePath = state; o.Select.Filters = []string{"api"} })
	other, err := finding.NewHasher([]byte("another audit test key, 32+ bytes long"))
	if err != nil {
		t.Fatal(err)
	}
	o := fx.options(t)
	o.StatePath, o.Hasher, o.Select.Filters = state, other, []string{"api"}
	if _, err := Run(context.Background(), o); err == nil || !strings.Contains(err.Error(), "key") {
		t.Errorf("state under another key: err = %v", err)
	}
	o.StatePath = ""
	second, err := Run(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	second.Repositories = nil // no repository in both
	if _, err := Merge(first, second); err == nil || !strings.Contains(err.Error(), "different keys") {
		t.Errorf("merge across keys: err = %v", err)
	}
}
