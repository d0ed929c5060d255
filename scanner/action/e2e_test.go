package action_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
)

// These tests run `secretsweep action` in process against repositories
// built in the test, served over HTTP by git http-backend, checked out at
// depth 1 as actions/checkout does, with a fake GitHub API.

func settings(secret string) string { return "TOKEN = \"" + secret + "\"\n" }

// prRepo builds a pull request: branch "changes" adds leakA in
// app/settings.py; master moves on by 60 commits after the branch point, so
// the merge base is deeper than the first deepening step.
func prRepo(t *testing.T) (o *origin, base, head string) {
	o = newOrigin(t)
	o.branch("changes", o.main)
	o.commit(o.work, "add settings", map[string]string{"app/settings.py": settings(leakA)})
	head = o.commit(o.work, "more work", map[string]string{"app/other.py": "x = 1\n"})
	o.push("changes")
	o.branch("master", o.main)
	for i := 0; i < 60; i++ {
		base = o.commit(o.work, "master work", map[string]string{"docs/notes.md": strings.Repeat("note\n", i+1)})
	}
	o.push("master")
	return o, base, head
}

func checkSARIF(t *testing.T, res *result, want int) {
	t.Helper()
	path := res.outputs["sarif-file"]
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("sarif-file output %q: %v", path, err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("sarif: %v", err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != want {
		t.Fatalf("sarif has %d runs / results, want %d results", len(log.Runs), want)
	}
	for _, r := range log.Runs[0].Results {
		if len(r.PartialFingerprints) == 0 {
			t.Error("sarif result without partialFingerprints")
		}
	}
	if _, err := os.Stat(res.outputs["report-file"]); err != nil {
		t.Errorf("report-file output: %v", err)
	}
	if res.outputs["findings-count"] != strconv.Itoa(want) {
		t.Errorf("findings-count = %q, want %d", res.outputs["findings-count"], want)
	}
}

func TestPullRequestOpenedThenSynchronize(t *testing.T) {
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	api.rateLimitOnce = true // the review is retried after a secondary rate limit

	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	res := newJob(t, o, api, "pull_request", ev, ws).run()
	if res.code != 1 {
		t.Fatalf("exit %d, want 1\nstdout %s\nstderr %s", res.code, res.stdout, res.stderr)
	}
	ann := annotations(res.stdout)
	if len(ann) != 1 || !strings.Contains(ann[0], "file=app/settings.py,line=1,") || !strings.Contains(ann[0], "title=secretsweep%3A github-pat::") {
		t.Errorf("annotations = %q", ann)
	}
	if !strings.Contains(res.summary, "pull request #2") || !strings.Contains(res.summary, "app/settings.py") {
		t.Errorf("summary = %s", res.summary)
	}
	checkSARIF(t, res, 1)
	reviews, comments := api.state()
	if len(reviews) != 1 || !strings.Contains(reviews[0].Body, "<!-- secretsweep:review -->") || reviews[0].CommitID != head {
		t.Fatalf("reviews = %+v", reviews)
	}
	if len(comments) != 1 || comments[0].Path != "app/settings.py" || comments[0].Line != 1 ||
		!strings.Contains(comments[0].Body, "<!-- secretsweep:fp:") || !strings.Contains(comments[0].Body, "secretsweep migrate") ||
		!strings.Contains(comments[0].Body, "gitleaks:allow") || !strings.Contains(comments[0].Body, "REDACTED") {
		t.Fatalf("comments = %+v", comments)
	}
	posts := 0
	for _, r := range api.requests() {
		if r.Method == "POST" {
			posts++
		}
		noValues(t, r.Body)
	}
	if posts != 2 {
		t.Errorf("%d POST requests, want 2 (one rate limited, one retried)", posts)
	}
	noValues(t, res.all())
	// The deepened checkout is consistent for git in later steps: the
	// shallow list no longer cuts the pull request's history.
	if mb := o.git(ws, "merge-base", base, head); mb != o.main {
		t.Errorf("git merge-base in the checkout = %s, want %s", mb, o.main)
	}
	for _, u := range o.srv.requests() {
		if strings.Contains(u, testToken) {
			t.Fatal("token in a git URL")
		}
	}

	// Second push: leakA moves down a line, leakB is added.
	o.branch("changes", head)
	head2 := o.commit(o.work, "second push", map[string]string{
		"app/settings.py": "# settings\n" + settings(leakA),
		"app/new.py":      settings(leakB),
	})
	o.push("changes")
	merge2 := o.pullRequest(2, base, head2)
	sync := payload(t, "pull_request_synchronize.payload.json", map[string]any{
		"pull_request.base.sha": base, "pull_request.head.sha": head2, "before": head, "after": head2})
	for run := 0; run < 2; run++ { // the same push twice: nothing new the second time
		ws2 := o.checkout(merge2, "refs/remotes/pull/2/merge")
		res2 := newJob(t, o, api, "pull_request", sync, ws2).run()
		if res2.code != 1 {
			t.Fatalf("run %d: exit %d\n%s%s", run, res2.code, res2.stdout, res2.stderr)
		}
		ann := annotations(res2.stdout)
		if len(ann) != 2 || !strings.Contains(strings.Join(ann, "\n"), "file=app/settings.py,line=2,") {
			t.Errorf("run %d: annotations = %q", run, ann)
		}
		noValues(t, res2.all())
	}
	reviews, comments = api.state()
	if len(comments) != 2 {
		t.Fatalf("%d comments, want 2 (no duplicates): %+v", len(comments), comments)
	}
	if comments[1].Path != "app/new.py" || comments[1].Line != 1 {
		t.Errorf("new comment = %+v", comments[1])
	}
	if len(reviews) != 2 || !strings.Contains(reviews[0].Body, "2 possible secrets") || !strings.Contains(reviews[1].Body, "secretsweep:review-followup") {
		t.Errorf("reviews = %+v", reviews)
	}
	puts := 0
	for _, r := range api.requests() {
		if r.Method == "PUT" {
			puts++
		}
		noValues(t, r.Body)
	}
	if puts != 2 {
		t.Errorf("%d review updates, want 2", puts)
	}
}

func TestPullRequestFromForkReadOnlyToken(t *testing.T) {
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	api.readOnly = true
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{
		"pull_request.base.sha": base, "pull_request.head.sha": head, "pull_request.head.repo.full_name": "forker/Hello-World"})
	res := newJob(t, o, api, "pull_request", ev, ws).run()
	if res.code != 1 {
		t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if len(annotations(res.stdout)) != 1 {
		t.Errorf("annotations missing: %s", res.stdout)
	}
	notices := 0
	for _, l := range strings.Split(res.stdout, "\n") {
		if strings.HasPrefix(l, "::notice::") && strings.Contains(l, "fork") {
			notices++
		}
		if strings.HasPrefix(l, "::warning") {
			t.Errorf("warning for a read-only token: %s", l)
		}
	}
	if notices != 1 {
		t.Errorf("want one notice about the fork, stdout:\n%s", res.stdout)
	}
	if reviews, _ := api.state(); len(reviews) != 0 {
		t.Errorf("reviews = %+v", reviews)
	}
	checkSARIF(t, res, 1)
	noValues(t, res.all())
}

func TestPullRequestCannotAllowlistItsOwnLeak(t *testing.T) {
	o := newOrigin(t)
	base := o.main
	o.branch("changes", base)
	leak := o.commit(o.work, "add settings", map[string]string{"app/settings.py": settings(leakA)})
	head := o.commit(o.work, "silence it", map[string]string{
		".gitleaksignore":   leak + ":app/settings.py:github-pat:1\napp/settings.py:github-pat:1\n",
		".secretsweep.toml": "[extend]\nuseDefault = true\n[[allowlists]]\npaths = ['''.*''']\n",
	})
	o.push("changes")
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	res := newJob(t, o, api, "pull_request", ev, ws).run()
	if res.code != 1 || len(annotations(res.stdout)) != 1 {
		t.Fatalf("exit %d, the pull request's own config silenced its leak\n%s%s", res.code, res.stdout, res.stderr)
	}
	for _, name := range []string{"`.secretsweep.toml`", "`.gitleaksignore`", short(base)} {
		if !strings.Contains(res.summary, name) {
			t.Errorf("summary does not say the pull request changes %s:\n%s", name, res.summary)
		}
	}
	if reviews, _ := api.state(); len(reviews) != 1 || !strings.Contains(reviews[0].Body, "`.gitleaksignore`") {
		t.Errorf("review does not mention the config change: %+v", reviews)
	}
}

func short(s string) string { return s[:7] }

func TestPushEvents(t *testing.T) {
	zero := strings.Repeat("0", 40)
	for _, tc := range []struct {
		name  string
		build func(o *origin) (ref, before, after string, forced bool)
		file  string // payload
		code  int
		want  []string // files with findings
		say   string   // in the summary
	}{
		{
			name: "new branch: commits on no other branch",
			file: "push_with-new-branch.payload.json",
			build: func(o *origin) (string, string, string, bool) {
				o.branch("dev", o.main)
				o.commit(o.work, "dev leak", map[string]string{"dev/on-dev.py": settings(leakC)})
				o.push("dev")
				o.branch("feat", "dev")
				after := o.commit(o.work, "feat leak", map[string]string{"feat/on-feat.py": settings(leakD)})
				o.push("feat")
				return "refs/heads/feat", zero, after, false
			},
			code: 1, want: []string{"feat/on-feat.py"}, say: "new branch",
		},
		{
			name: "force push: commits not reachable from before",
			file: "push_with-new-branch.payload.json",
			build: func(o *origin) (string, string, string, bool) {
				o.branch("feat", o.main)
				o.commit(o.work, "shared", map[string]string{"a.py": settings(leakA)})
				before := o.commit(o.work, "old", map[string]string{"old.py": settings(leakB)})
				o.push("feat")
				o.branch("feat", before+"~1")
				after := o.commit(o.work, "rewritten", map[string]string{"new.py": settings(leakC)})
				o.push("feat")
				return "refs/heads/feat", before, after, true
			},
			code: 1, want: []string{"new.py"}, say: "force push",
		},
		{
			name: "force push, previous tip unknown to the server",
			file: "push_with-new-branch.payload.json",
			build: func(o *origin) (string, string, string, bool) {
				o.branch("feat", o.main)
				o.commit(o.work, "a", map[string]string{"a.py": settings(leakA)})
				after := o.commit(o.work, "b", map[string]string{"b.py": settings(leakB)})
				o.push("feat")
				return "refs/heads/feat", strings.Repeat("ab", 20), after, true
			},
			code: 1, want: []string{"a.py", "b.py"}, say: "unknown to the server",
		},
		{
			name: "push of two commits",
			file: "push_with-new-branch.payload.json",
			build: func(o *origin) (string, string, string, bool) {
				o.commit(o.work, "old leak", map[string]string{"old.py": settings(leakA)})
				o.push("master")
				before := o.git(o.work, "rev-parse", "HEAD")
				o.commit(o.work, "c1", map[string]string{"c1.py": settings(leakB)})
				after := o.commit(o.work, "c2", map[string]string{"c2.py": "ok = 1\n"})
				o.push("master")
				return "refs/heads/master", before, after, false
			},
			code: 1, want: []string{"c1.py"}, say: "pushed to master",
		},
		{
			name: "before equals after",
			file: "push_with-new-branch.payload.json",
			build: func(o *origin) (string, string, string, bool) {
				c := o.commit(o.work, "leak", map[string]string{"a.py": settings(leakA)})
				o.push("master")
				return "refs/heads/master", c, c, false
			},
			code: 0, say: "Nothing to scan",
		},
		{
			name: "deleted tag",
			file: "push_payload.json",
			build: func(o *origin) (string, string, string, bool) {
				return "refs/tags/simple-tag", o.main, zero, false
			},
			code: 0, say: "deleted simple-tag",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrigin(t)
			ref, before, after, forced := tc.build(o)
			rev := after
			if after == zero {
				rev = o.main
			}
			ws := o.checkout(rev, "refs/remotes/origin/checkout")
			api := newFakeGitHub(t)
			ev := payload(t, tc.file, map[string]any{"ref": ref, "before": before, "after": after,
				"created": before == zero, "deleted": after == zero, "forced": forced})
			res := newJob(t, o, api, "push", ev, ws).run()
			if res.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", res.code, tc.code, res.stdout, res.stderr)
			}
			ann := annotations(res.stdout)
			if len(ann) != len(tc.want) {
				t.Fatalf("annotations %q, want files %v", ann, tc.want)
			}
			for i, file := range tc.want {
				if !strings.Contains(ann[i], "file="+file+",") {
					t.Errorf("annotation %d = %q, want %s", i, ann[i], file)
				}
			}
			if !strings.Contains(res.summary, tc.say) {
				t.Errorf("summary does not say %q:\n%s", tc.say, res.summary)
			}
			checkSARIF(t, res, len(tc.want))
			if reqs := api.requests(); len(reqs) != 0 {
				t.Errorf("a push event called the API: %+v", reqs)
			}
			noValues(t, res.all())
		})
	}
}

func TestPullRequestBaseEqualsHead(t *testing.T) {
	o := newOrigin(t)
	ws := o.checkout(o.main, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": o.main, "pull_request.head.sha": o.main})
	res := newJob(t, o, api, "pull_request", ev, ws).run()
	if res.code != 0 {
		t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stdout, "nothing to scan: the pull request's base and head are the same commit") ||
		!strings.Contains(res.summary, "Nothing to scan") {
		t.Errorf("does not say there is nothing to scan:\n%s\n%s", res.stdout, res.summary)
	}
	checkSARIF(t, res, 0)
}

func TestMergeGroup(t *testing.T) {
	o := newOrigin(t)
	o.branch("changes", o.main)
	head := o.commit(o.work, "add settings", map[string]string{"app/settings.py": settings(leakA)})
	o.branch("master", o.main)
	base := o.commit(o.work, "master work", map[string]string{"docs.md": "docs\n"})
	o.push("master")
	queue := o.pullRequest(2, base, head) // the queue's merge commit
	qref := "refs/heads/gh-readonly-queue/master/pr-2-" + base
	o.push(queue + ":" + qref)
	ws := o.checkout(queue, "refs/remotes/origin/gh-readonly-queue")
	api := newFakeGitHub(t)
	ev := payload(t, "merge_group_checks_requested.payload.json", map[string]any{
		"merge_group.base_sha": base, "merge_group.head_sha": queue, "merge_group.head_ref": qref, "merge_group.base_ref": "refs/heads/master"})
	res := newJob(t, o, api, "merge_group", ev, ws).run()
	if res.code != 1 {
		t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	if ann := annotations(res.stdout); len(ann) != 1 || !strings.Contains(ann[0], "file=app/settings.py,line=1,") {
		t.Errorf("annotations = %q", ann)
	}
	if !strings.Contains(res.summary, "merge group") {
		t.Errorf("summary = %s", res.summary)
	}
	checkSARIF(t, res, 1)
}

func TestScheduleScansFullHistory(t *testing.T) {
	o := newOrigin(t)
	o.commit(o.work, "leak", map[string]string{"old.py": settings(leakA)})
	o.commit(o.work, "remove it", map[string]string{"old.py": "ok = 1\n"})
	tip := o.commit(o.work, "more", map[string]string{"x.py": "x = 1\n"})
	o.push("master")
	o.branch("other", o.main)
	o.commit(o.work, "other leak", map[string]string{"other.py": settings(leakB)})
	o.push("other")
	ws := o.checkout(tip, "refs/remotes/origin/master")
	res := newJob(t, o, newFakeGitHub(t), "schedule", payload(t, "schedule.payload.json", nil), ws).run()
	if res.code != 1 {
		t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	ann := annotations(res.stdout)
	if len(ann) != 2 || !strings.Contains(ann[0], "file=old.py") || !strings.Contains(ann[1], "file=other.py") {
		t.Errorf("annotations = %q", ann)
	}
	if !strings.Contains(res.summary, "full history") {
		t.Errorf("summary = %s", res.summary)
	}
	checkSARIF(t, res, 2)
}

func TestShallowCheckoutThatCannotBeDeepenedFails(t *testing.T) {
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	o.srv.setFail(true)
	api := newFakeGitHub(t)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	res := newJob(t, o, api, "pull_request", ev, ws).run()
	if res.code != 2 {
		t.Fatalf("exit %d, want 2\n%s%s", res.code, res.stdout, res.stderr)
	}
	if !strings.Contains(res.stderr, "the checkout lacks commits") || strings.Count(strings.TrimSpace(res.stderr), "\n") != 0 {
		t.Errorf("stderr = %q", res.stderr)
	}
	if strings.Contains(strings.ToLower(res.stdout+res.summary), "no leaks") || res.outputs["findings-count"] != "" {
		t.Errorf("reports a result over unread commits:\n%s\n%s\n%v", res.stdout, res.summary, res.outputs)
	}
	if !strings.Contains(res.summary, "did not complete") {
		t.Errorf("summary = %s", res.summary)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := dir + "/bad.json"
	if err := os.WriteFile(bad, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := dir + "/empty.json"
	if err := os.WriteFile(empty, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := payload(t, "pull_request_opened.payload.json", nil)
	for _, tc := range []struct {
		name  string
		env   map[string]string
		args  []string
		error string
	}{
		{"missing payload", map[string]string{"GITHUB_EVENT_PATH": dir + "/nope.json"}, nil, "no such file"},
		{"no payload path", map[string]string{"GITHUB_EVENT_PATH": ""}, nil, "GITHUB_EVENT_PATH is not set"},
		{"malformed payload", map[string]string{"GITHUB_EVENT_PATH": bad}, nil, "not valid JSON"},
		{"payload without pull request", map[string]string{"GITHUB_EVENT_PATH": empty}, nil, "has no pull_request object"},
		{"unknown event", map[string]string{"GITHUB_EVENT_NAME": "issues"}, nil, `event "issues" is not supported`},
		{"no event", map[string]string{"GITHUB_EVENT_NAME": ""}, nil, "GITHUB_EVENT_NAME is not set"},
		{"missing token", map[string]string{"GITHUB_TOKEN": ""}, nil, "no GitHub token"},
		{"bad repository", map[string]string{"GITHUB_REPOSITORY": "nope"}, nil, "is not owner/name"},
		{"bad scan input", nil, []string{"--scan", "everything"}, "input scan"},
		{"bad boolean input", nil, []string{"--fail-on-findings=maybe"}, "invalid argument"},
		{"arguments", nil, []string{"extra"}, `unknown command "extra"`},
		{"push payload for a pull request", map[string]string{"GITHUB_EVENT_PATH": payload(t, "push_with-new-branch.payload.json", nil)}, nil, "no pull_request object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := newJob(t, nil, nil, "pull_request", good, t.TempDir())
			j.env["GITHUB_API_URL"] = "http://127.0.0.1:1" // never called
			for k, v := range tc.env {
				j.env[k] = v
			}
			res := j.run(tc.args...)
			if res.code != 2 {
				t.Fatalf("exit %d, want 2\n%s%s", res.code, res.stdout, res.stderr)
			}
			if !strings.Contains(res.stderr, tc.error) || strings.Count(strings.TrimSpace(res.stderr), "\n") != 0 {
				t.Errorf("stderr = %q, want one line with %q", res.stderr, tc.error)
			}
		})
	}
}

func TestReviewFallsBackWhenInlineCommentsAreRejected(t *testing.T) {
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ws := o.checkout(merge, "refs/remotes/pull/2/merge")
	api := newFakeGitHub(t)
	api.rejectInline = true
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	// --verify labels the finding: the fake API answers 401 for the token.
	res := newJob(t, o, api, "pull_request", ev, ws).run("--verify")
	if res.code != 1 {
		t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	reviews, comments := api.state()
	if len(reviews) != 1 || len(comments) != 0 || !strings.Contains(reviews[0].Body, "did not accept inline comments") ||
		!strings.Contains(reviews[0].Body, "app/settings.py") {
		t.Errorf("reviews %+v, comments %+v", reviews, comments)
	}
	if ann := annotations(res.stdout); len(ann) != 1 || !strings.Contains(ann[0], "[inactive: its provider rejected it]") {
		t.Errorf("annotations = %q", ann)
	}
	if !strings.Contains(res.stdout, "verification: 0 verified, 1 invalid") {
		t.Errorf("stdout = %s", res.stdout)
	}
	noValues(t, res.all())
}

func TestInputs(t *testing.T) {
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		api      bool // the review API is called
		contains string
	}{
		{"no failure, no comment", []string{"--fail-on-findings=false", "--comment=false"}, 0, false, "the commits of pull request #2"},
		{"tree scan", []string{"--scan", "tree", "--comment=false"}, 1, false, "the files of the workspace"},
		{"history scan", []string{"--scan=history", "--comment=true"}, 1, false, "the full history"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := o.checkout(merge, "refs/remotes/pull/2/merge")
			api := newFakeGitHub(t)
			res := newJob(t, o, api, "pull_request", ev, ws).run(tc.args...)
			if res.code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", res.code, tc.code, res.stdout, res.stderr)
			}
			if ann := annotations(res.stdout); len(ann) != 1 || !strings.Contains(ann[0], "file=app/settings.py,line=1,") {
				t.Errorf("annotations = %q", ann)
			}
			if called := len(api.requests()) > 0; called != tc.api {
				t.Errorf("API called: %v, want %v", called, tc.api)
			}
			if !strings.Contains(res.summary, tc.contains) {
				t.Errorf("summary = %s", res.summary)
			}
		})
	}
}

// TestBaselineComesFromTheBase: the conventional baseline file of the base
// commit applies; one the pull request adds does not.
func TestBaselineComesFromTheBase(t *testing.T) {
	sum := sha256.Sum256([]byte(leakA))
	baseline := `[{"RuleID":"github-pat","File":"app/settings.py","SecretSHA256":"` + hex.EncodeToString(sum[:]) + `"}]`
	for _, tc := range []struct {
		name     string
		inBase   bool
		code     int
		contains string
	}{
		{"baseline of the base applies", true, 0, "0 findings"},
		{"baseline added by the pull request does not", false, 1, "`.secretsweep-baseline.json`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrigin(t)
			base := o.main
			if tc.inBase {
				base = o.commit(o.work, "baseline", map[string]string{".secretsweep-baseline.json": baseline})
				o.push("master")
			}
			o.branch("changes", base)
			files := map[string]string{"app/settings.py": settings(leakA)}
			if !tc.inBase {
				files[".secretsweep-baseline.json"] = baseline
			}
			head := o.commit(o.work, "add settings", files)
			o.push("changes")
			ws := o.checkout(o.pullRequest(2, base, head), "refs/remotes/pull/2/merge")
			ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
			res := newJob(t, o, newFakeGitHub(t), "pull_request", ev, ws).run("--comment=false")
			if res.code != tc.code || !strings.Contains(res.summary, tc.contains) {
				t.Fatalf("exit %d, want %d; summary:\n%s\n%s", res.code, tc.code, res.summary, res.stderr)
			}
		})
	}
}

// TestFailedReviewDoesNotHideFindings: GitHub errors on the review become
// one warning line; the findings are still annotated, summarised and fail
// the step.
func TestFailedReviewDoesNotHideFindings(t *testing.T) {
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	for _, tc := range []struct {
		status int
		want   string
	}{
		{502, "could not create the review: GitHub API 502"},
		{404, "pull request not found or not visible to the token (404)"},
		{401, "GitHub rejected the token (401)"},
	} {
		t.Run(strconv.Itoa(tc.status), func(t *testing.T) {
			ws := o.checkout(merge, "refs/remotes/pull/2/merge")
			api := newFakeGitHub(t)
			api.writeStatus = tc.status
			res := newJob(t, o, api, "pull_request", ev, ws).run()
			if res.code != 1 || len(annotations(res.stdout)) != 1 || !strings.Contains(res.summary, "app/settings.py") {
				t.Fatalf("exit %d\n%s\n%s", res.code, res.stdout, res.summary)
			}
			var warnings []string
			for _, l := range strings.Split(res.stdout, "\n") {
				if strings.HasPrefix(l, "::warning::") {
					warnings = append(warnings, l)
				}
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], tc.want) {
				t.Errorf("warnings = %q, want one with %q", warnings, tc.want)
			}
			posts := 0
			for _, r := range api.requests() {
				if r.Method == "POST" {
					posts++
				}
			}
			if posts != 1 {
				t.Errorf("%d POSTs: a failed review must not be repeated", posts)
			}
		})
	}
}

// TestMarkersWrittenByOthersAreIgnored: the pull request's author copies
// the Action's markers into a review and a comment of their own; the
// Action still writes its review and comments on the leak.
func TestMarkersWrittenByOthersAreIgnored(t *testing.T) {
	o, base, head := prRepo(t)
	merge := o.pullRequest(2, base, head)
	ev := payload(t, "pull_request_opened.payload.json", map[string]any{"pull_request.base.sha": base, "pull_request.head.sha": head})
	first := newFakeGitHub(t)
	if res := newJob(t, o, first, "pull_request", ev, o.checkout(merge, "refs/remotes/pull/2/merge")).run(); res.code != 1 {
		t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	reviews, comments := first.state()
	if len(reviews) != 1 || len(comments) != 1 {
		t.Fatalf("first run: %d reviews, %d comments", len(reviews), len(comments))
	}
	api := newFakeGitHub(t)
	api.reviews = []*fakeReview{{ID: 1, User: authorUser, Body: reviews[0].Body, State: "COMMENTED", CommitID: head}}
	api.comments = []*fakeComment{{ID: 2, ReviewID: 1, User: authorUser, Path: "app/settings.py", Line: 1, Body: comments[0].Body, CommitID: head}}
	res := newJob(t, o, api, "pull_request", ev, o.checkout(merge, "refs/remotes/pull/2/merge")).run()
	if res.code != 1 {
		t.Fatalf("exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	reviews, comments = api.state()
	if len(reviews) != 2 || reviews[1].User != botUser || len(comments) != 2 || comments[1].User != botUser {
		t.Errorf("the author's copies silenced the Action: reviews %+v, comments %+v", reviews, comments)
	}
	for _, r := range api.requests() {
		if r.Method == "PUT" {
			t.Errorf("updated a review the Action did not write: %s", r.Path)
		}
	}
}
