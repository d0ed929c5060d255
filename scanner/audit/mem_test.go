package audit

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/ghclient"
	"github.com/secretsweep/secretsweep/scanner/audit/audittest"
)

// BenchmarkAuditPeakMemory measures the peak resident memory of an audit
// of AUDIT_MEM_REPOS (default 4) copies of a generated repository of
// AUDIT_MEM_COMMITS (default 20,000) commits with --workers AUDIT_MEM_WORKERS
// (default 4). The audit runs in a child process (this test binary again,
// see TestMain), whose peak RSS the kernel reports when it exits:
//
//	go test -tags gore2regex,re2_cgo -run '^$' -bench AuditPeakMemory -benchtime 1x ./scanner/audit
func BenchmarkAuditPeakMemory(b *testing.B) {
	commits := envInt("AUDIT_MEM_COMMITS", 20000)
	repos := envInt("AUDIT_MEM_REPOS", 4)
	workers := envInt("AUDIT_MEM_WORKERS", 4)
	gitDir, size := generateRepo(b, commits)
	b.Logf("generated repository: %d commits, %.1f MiB of git objects", commits, float64(size)/(1<<20))
	org := audittest.NewOrg(b, "acme", testToken)
	for i := range repos {
		org.AddGitDir(fmt.Sprintf("big-%d", i), gitDir)
	}
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		cmd.Env = append(os.Environ(), "AUDIT_MEM_CHILD="+strconv.Itoa(workers), "AUDIT_API_URL="+org.APIURL(), "AUDIT_TMP="+b.TempDir())
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("audit: %v\n%s", err, out)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MiB")
		b.ReportMetric(time.Since(start).Seconds(), "wall-s")
		b.Logf("%s", out)
	}
}

// memChild is the audit the benchmark measures.
func memChild(workers int) {
	env := map[string]string{"GITHUB_API_URL": os.Getenv("AUDIT_API_URL"), "GITHUB_TOKEN": testToken}
	client, err := ghclient.New(&http.Client{Transport: ghclient.NewRetryTransport(nil, RetryOptions())}, func(k string) string { return env[k] })
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	rep, err := Run(context.Background(), Options{
		Org: "acme", API: client, Tokens: StaticToken(testToken), Workers: workers,
		MaxDecodeDepth: 5, Hasher: testHasher(), TempDir: os.Getenv("AUDIT_TMP"),
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	fmt.Println(rep.Summary())
	for _, r := range rep.Repositories {
		fmt.Printf("%s: %s, %d commits, %d blobs\n", r.Repository, r.Status, r.Commits, r.Blobs)
	}
	os.Exit(0)
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// generateRepo writes a repository of n commits with git fast-import: each
// commit rewrites three of 3,000 source files (2-8 KiB each). It returns
// the git directory and the size of its objects.
func generateRepo(b testing.TB, n int) (string, int64) {
	dir := filepath.Join(b.TempDir(), "big.git")
	if out, err := exec.Command("git", "init", "--bare", "-q", "-b", "main", dir).CombinedOutput(); err != nil {
		b.Fatalf("git init: %v %s", err, out)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(stdin, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"func", "return", "value", "config", "handler", "request", "err", "nil", "ctx", "user", "item", "index", "count", "result"}
	when := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for c := 1; c <= n; c++ {
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\ncommitter Dev <dev@example.com> %d +0000\ndata 12\nchange %05d\n", c, when+int64(c)*3600, c%100000)
		if c > 1 {
			fmt.Fprintf(w, "from :%d\n", c-1)
		}
		for range 3 {
			var body []byte
			for l := 0; l < 40+rng.IntN(120); l++ {
				for range 6 {
					body = append(body, words[rng.IntN(len(words))]...)
					body = append(body, ' ')
				}
				body = append(body, '\n')
			}
			fmt.Fprintf(w, "M 100644 inline src/pkg%02d/file%04d.go\ndata %d\n%s\n", rng.IntN(50), rng.IntN(3000), len(body), body)
		}
	}
	w.Flush()
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		b.Fatalf("git fast-import: %v", err)
	}
	if out, err := exec.Command("git", "-C", dir, "repack", "-adq").CombinedOutput(); err != nil {
		b.Fatalf("git repack: %v %s", err, out)
	}
	var size int64
	filepath.Walk(filepath.Join(dir, "objects"), func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			size += fi.Size()
		}
		return nil
	})
	return dir, size
}
