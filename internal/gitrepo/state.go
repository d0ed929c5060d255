package gitrepo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// StateDirName is the directory, in a work tree, where secretsweep keeps
// its state (the migrate journal, the remediate audit log). It never holds
// a secret value.
const StateDirName = ".secretsweep"

// excludeLine is the info/exclude pattern for state directories: not
// anchored, so it also covers those of scanned subdirectories.
const excludeLine = StateDirName + "/"

// lockName is the file in the state directory that processes lock.
const lockName = "lock"

// ErrStateBusy is returned when another process holds a state directory.
var ErrStateBusy = errors.New("in use by another secretsweep process")

// State is a state directory claimed by this process; Close releases it.
type State struct {
	// Dir is the .secretsweep directory.
	Dir  string
	lock *os.File
}

// OpenState claims dir/.secretsweep: it creates the directory (mode 0700),
// locks it against other processes, failing at once with ErrStateBusy when
// one holds it (so runs that write state, such as migrate --apply and
// remediate --apply, never interleave on one tree), and adds
// ".secretsweep/" to the info/exclude of the repository holding dir. That
// file is in the common directory, which git reads for every worktree, so
// the state is not committed from a linked worktree either. Outside a
// repository nothing is excluded. who (e.g. "secretsweep migrate") goes in
// the lock file, to name the holder in another process's error.
func OpenState(dir, who string) (*State, error) {
	base, err := Resolve(dir)
	if err != nil {
		return nil, err
	}
	sd := filepath.Join(base, StateDirName)
	if err := os.Mkdir(sd, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	lockPath := filepath.Join(sd, lockName)
	f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("state directory: %w", err)
	}
	if busy, err := tryLock(f); err != nil {
		f.Close()
		if !busy {
			return nil, fmt.Errorf("lock %s: %w", lockPath, err)
		}
		holder := ""
		if b, err := os.ReadFile(lockPath); err == nil {
			if h := strings.TrimSpace(string(b)); h != "" && !strings.ContainsAny(h, "\r\n") {
				holder = " (" + h + ")"
			}
		}
		return nil, fmt.Errorf("%s is %w%s", sd, ErrStateBusy, holder)
	}
	s := &State{Dir: sd, lock: f}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(fmt.Sprintf("%s, pid %d\n", who, os.Getpid())), 0)
	}
	if err := exclude(base); err != nil {
		s.Close()
		return nil, fmt.Errorf("exclude %s from git: %w", StateDirName, err)
	}
	return s, nil
}

// Path returns the path of a file in the state directory.
func (s *State) Path(name string) string { return filepath.Join(s.Dir, name) }

// Close releases the lock.
func (s *State) Close() error {
	if s.lock == nil {
		return nil
	}
	err := s.lock.Close()
	s.lock = nil
	return err
}

// exclude adds excludeLine to the info/exclude of the repository holding
// dir, once.
func exclude(dir string) error {
	r, err := Find(dir)
	if errors.Is(err, ErrNotRepository) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.Bare() {
		return nil
	}
	p := r.ExcludeFile()
	b, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if t := strings.TrimSpace(l); t == excludeLine || t == StateDirName {
			return nil
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	prefix := ""
	if len(b) > 0 && !strings.HasSuffix(string(b), "\n") {
		prefix = "\n"
	}
	_, err = fmt.Fprintf(f, "%s# secretsweep state (migrate journal, remediate audit log)\n%s\n", prefix, excludeLine)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
