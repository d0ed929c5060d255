package audit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/ghclient"
)

// The resume test kills a real audit process with SIGKILL midway. The
// process is this test binary, started again with AUDIT_KILL_AFTER set:
// TestMain then runs one audit that kills itself once that many
// repositories are recorded, instead of running the tests.
func TestMain(m *testing.M) {
	if n := os.Getenv("AUDIT_KILL_AFTER"); n != "" {
		killedAudit(n)
		return
	}
	if n := os.Getenv("AUDIT_MEM_CHILD"); n != "" {
		w, _ := strconv.Atoi(n)
		memChild(w)
		return
	}
	os.Exit(m.Run())
}

// killedAudit is the child: an audit with the parent's servers and state
// file that sends itself SIGKILL once n repositories were scanned.
func killedAudit(n string) {
	after, _ := strconv.Atoi(n)
	env := map[string]string{"GITHUB_API_URL": os.Getenv("AUDIT_API_URL"), "GITHUB_TOKEN": testToken}
	client, err := ghclient.New(&http.Client{Transport: ghclient.NewRetryTransport(nil, RetryOptions())}, func(k string) string { return env[k] })
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	done := 0
	_, err = Run(context.Background(), Options{
		Org: "acme", API: client, Tokens: StaticToken(testToken), PerPage: 2, Workers: 2,
		MaxDecodeDepth: 5, Hasher: testHasher(), StatePath: os.Getenv("AUDIT_STATE"), TempDir: os.Getenv("AUDIT_TMP"),
		Now: func() time.Time { return testNow },
		AfterRepo: func(r RepoResult) {
			if r.Status != StatusOK {
				return
			}
			if done++; done == after {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
				select {} // the signal is on its way
			}
		},
	})
	fmt.Fprintln(os.Stderr, "the audit was not killed:", err)
	os.Exit(4)
}

func TestAuditResumesAfterKill(t *testing.T) {
	fx := newFixture(t)
	dir := t.TempDir()
	whole := fx.run(t, func(o *Options) { o.StatePath = dir + "/whole.json" })

	// kill -9 once two of the four good repositories are done (the other
	// worker is then cloning or scanning a third).
	state := dir + "/killed.json"
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "AUDIT_KILL_AFTER=2", "AUDIT_API_URL="+fx.org.APIURL(), "AUDIT_STATE="+state, "AUDIT_TMP="+t.TempDir())
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the audit was not killed: %v\n%s", err, out)
	}
	st, err := LoadState(state)
	if err != nil {
		t.Fatalf("state after kill -9: %v", err)
	}
	if st.Run == nil || st.Run.Complete {
		t.Fatalf("killed run recorded as %+v", st.Run)
	}
	finished := map[string]int{}
	for name, rs := range st.Repositories {
		if rs.Run == st.Run.ID {
			finished[name] = fx.org.GitHits(name[len("acme/"):])
		}
	}
	if len(finished) < 2 || len(finished) > 3 {
		t.Fatalf("%d repositories recorded before the kill, want 2 or 3", len(finished))
	}

	resumed := fx.run(t, func(o *Options) { o.StatePath = state })
	for name, hits := range finished {
		if now := fx.org.GitHits(name[len("acme/"):]); now != hits {
			t.Errorf("%s was finished before the kill but fetched again (%d git requests, then %d)", name, hits, now)
		}
	}
	for _, format := range Formats() {
		if got, want := render(t, resumed, format), render(t, whole, format); got != want {
			t.Errorf("%s: the resumed audit differs from an uninterrupted one:\n%s", format, firstDiff(want, got))
		}
	}
	if st, err := LoadState(state); err != nil || !st.Run.Complete {
		t.Errorf("resumed run not complete: %+v, %v", st.Run, err)
	}
}
