package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/testenv"
)

// The state directory is kept out of git in the main work tree and in
// linked worktrees alike: git itself must not list it.
func TestOpenStateExcludedFromGit(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, g *testenv.Git) (dirs []string, check string)
	}{
		{"main work tree", func(t *testing.T, g *testenv.Git) ([]string, string) {
			main, _ := g.Worktree(map[string]string{"f": "x\n"})
			return []string{main}, main
		}},
		{"linked worktree", func(t *testing.T, g *testenv.Git) ([]string, string) {
			_, linked := g.Worktree(map[string]string{"f": "x\n"})
			return []string{linked}, linked
		}},
		{"subdirectory of a linked worktree", func(t *testing.T, g *testenv.Git) ([]string, string) {
			_, linked := g.Worktree(map[string]string{"svc/f": "x\n"})
			return []string{filepath.Join(linked, "svc")}, linked
		}},
		{"both, twice", func(t *testing.T, g *testenv.Git) ([]string, string) {
			main, linked := g.Worktree(map[string]string{"f": "x\n"})
			return []string{main, linked, main, linked}, linked
		}},
		{"separate git dir", func(t *testing.T, g *testenv.Git) ([]string, string) {
			tmp := t.TempDir()
			r := g.Init(filepath.Join(tmp, "r"), "--separate-git-dir", filepath.Join(tmp, "store.git"))
			g.Commit(r, "c", map[string]string{"f": "x\n"})
			return []string{r}, r
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testenv.NewGit(t)
			dirs, check := tt.setup(t, g)
			for _, d := range dirs {
				s, err := OpenState(d, "test")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(s.Path("journal.jsonl"), []byte("{}\n"), 0o600); err != nil {
					t.Fatal(err)
				}
				if st, err := os.Stat(s.Dir); err != nil || st.Mode().Perm() != 0o700 {
					t.Errorf("state dir mode %v, %v", st.Mode(), err)
				}
				s.Close()
			}
			if out := g.Git(check, "status", "--porcelain", "--untracked-files=all"); out != "" {
				t.Errorf("git status in %s shows:\n%s", check, out)
			}
			r, err := Find(check)
			if err != nil {
				t.Fatal(err)
			}
			ex, _ := os.ReadFile(r.ExcludeFile())
			if n := strings.Count(string(ex), "\n"+excludeLine+"\n"); n != 1 {
				t.Errorf("%s has the pattern %d times:\n%s", r.ExcludeFile(), n, ex)
			}
		})
	}
}

func TestOpenStateExcludeFile(t *testing.T) {
	g := testenv.NewGit(t)
	r := g.Init(filepath.Join(t.TempDir(), "r"))
	ex := filepath.Join(r, ".git", "info", "exclude")
	if err := os.WriteFile(ex, []byte("# mine\n*.log"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		s, err := OpenState(r, "test")
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	b, _ := os.ReadFile(ex)
	if want := "# mine\n*.log\n# secretsweep state (migrate journal, remediate audit log)\n.secretsweep/\n"; string(b) != want {
		t.Errorf("exclude = %q, want %q", b, want)
	}
	// Outside a repository: the directory, nothing else.
	plain := t.TempDir()
	s, err := OpenState(plain, "test")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(plain, StateDirName)); err != nil {
		t.Error(err)
	}
}

// Of many processes or goroutines claiming one state directory at once,
// exactly one gets it; the others fail at once naming the holder, and the
// directory is free again after Close.
func TestOpenStateConcurrent(t *testing.T) {
	dir := t.TempDir()
	const n = 8
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		won    []*State
		errs   []error
		starts = make(chan struct{})
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-starts
			s, err := OpenState(dir, fmt.Sprintf("worker %d", i))
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
			} else {
				won = append(won, s)
			}
		}(i)
	}
	close(starts)
	wg.Wait()
	if len(won) != 1 {
		t.Fatalf("%d claimed the directory at once, want 1 (errors %v)", len(won), errs)
	}
	for _, err := range errs {
		// (The holder's name may not be written yet: TestOpenStateOtherProcess checks it.)
		if !errors.Is(err, ErrStateBusy) || strings.Contains(err.Error(), "\n") {
			t.Errorf("err = %v, want ErrStateBusy on one line", err)
		}
	}
	won[0].Close()
	s, err := OpenState(dir, "after")
	if err != nil {
		t.Fatalf("after Close: %v", err)
	}
	s.Close()
}

// Another process holding the state directory blocks this one until it
// exits, even when it is killed.
func TestOpenStateOtherProcess(t *testing.T) {
	if dir := os.Getenv("GITREPO_TEST_HOLD_STATE"); dir != "" {
		s, err := OpenState(dir, "helper process")
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(3)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute)
		s.Close()
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenStateOtherProcess$")
	cmd.Env = append(os.Environ(), "GITREPO_TEST_HOLD_STATE="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	buf := make([]byte, 64)
	if n, err := out.Read(buf); err != nil || !strings.Contains(string(buf[:n]), "locked") {
		t.Fatalf("helper: %q %v", buf[:n], err)
	}
	_, err = OpenState(dir, "test")
	if !errors.Is(err, ErrStateBusy) || !strings.Contains(err.Error(), fmt.Sprintf("helper process, pid %d", cmd.Process.Pid)) {
		t.Fatalf("while another process holds it: err = %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	s, err := OpenState(dir, "test")
	if err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
	s.Close()
}
