package testenv

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattn/go-isatty"
)

// Every package whose tests call Require (or StartMoto, StartPostgres)
// runs them through Run from its TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(testenv.Run(m)) }
//
// A skipped integration test is otherwise silent: `go test ./...` prints
// only "ok" for a package that passes, whatever it skipped, and shows t.Skip
// messages only with -v.

// ttyPath is the controlling terminal Run also writes to ("": none).
var ttyPath = "/dev/tty"

// state is what Run and Require share within one test binary.
var state struct {
	sync.Mutex
	running bool
	skipped map[string][]string // message -> names of the tests it skipped
	marker  string              // file opened on a skip, touched at exit
}

// Run runs the package's tests (m.Run) and then prints, for each missing
// dependency that made tests skip, one line
//
//	SKIPPED INTEGRATION: <package>: <dependency> is not available (install: ...): <n> test(s) skipped: <names>
//
// to stderr and, when stderr is not a terminal, also to the controlling
// terminal if there is one: `go test ./...` keeps a passing package's
// output to itself. A run that skipped is also kept out of go test's cache,
// so running the tests again says it again instead of printing "(cached)".
// It returns m.Run's exit code.
func Run(m *testing.M) int {
	state.Lock()
	state.running = true
	state.Unlock()
	code := m.Run()
	lines := summary(packageName())
	if len(lines) == 0 {
		return code
	}
	text := strings.Join(lines, "\n") + "\n"
	fmt.Fprint(os.Stderr, text)
	if ttyPath != "" && !isatty.IsTerminal(os.Stderr.Fd()) {
		if tty, err := os.OpenFile(ttyPath, os.O_WRONLY, 0); err == nil {
			_, _ = io.WriteString(tty, text)
			tty.Close()
		}
	}
	state.Lock()
	marker := state.marker
	state.Unlock()
	if marker != "" {
		// go test does not cache a result that read a file modified in
		// the last two seconds (cmd/go: errFileTooNew), and Require opened
		// this one during the run.
		now := time.Now()
		_ = os.Chtimes(marker, now, now)
	}
	return code
}

// recordSkip notes that msg made test t skip, and opens the marker file
// so that go test logs it as an input of the run (see Run).
func recordSkip(t testing.TB, msg string) {
	state.Lock()
	defer state.Unlock()
	if state.skipped == nil {
		state.skipped = map[string][]string{}
	}
	state.skipped[msg] = append(state.skipped[msg], t.Name())
	if state.marker != "" {
		return
	}
	// go test only rechecks files inside the module: the marker lives in
	// <module root>/.testenv/ (ignored by git).
	root, pkg := modulePackage()
	if root == "" {
		return
	}
	dir := filepath.Join(root, ".testenv")
	name := filepath.Join(dir, strings.ReplaceAll(pkg, "/", "_")+".skipped")
	if os.MkdirAll(dir, 0o755) == nil && os.WriteFile(name, nil, 0o644) == nil {
		if f, err := os.Open(name); err == nil {
			f.Close()
			state.marker = name
		}
	}
}

// summary returns the SKIPPED INTEGRATION lines of pkg, one per message.
func summary(pkg string) []string {
	state.Lock()
	defer state.Unlock()
	var lines []string
	for msg, tests := range state.skipped {
		names := tests
		if len(names) > 4 {
			names = append(names[:4:4], "...")
		}
		lines = append(lines, fmt.Sprintf("SKIPPED INTEGRATION: %s: %s: %d test(s) skipped: %s",
			pkg, msg, len(tests), strings.Join(names, ", ")))
	}
	sort.Strings(lines)
	return lines
}

// packageName names the package under test by its directory relative to
// the module root.
func packageName() string {
	_, pkg := modulePackage()
	return pkg
}

// modulePackage returns the module root ("" when there is none) and the
// package under test's directory relative to it (tests run in their
// package's directory).
func modulePackage() (root, pkg string) {
	wd, err := os.Getwd()
	if err != nil {
		return "", "?"
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			rel, err := filepath.Rel(dir, wd)
			if err != nil || rel == "." {
				return dir, filepath.Base(wd)
			}
			return dir, filepath.ToSlash(rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", filepath.Base(wd)
		}
		dir = parent
	}
}
