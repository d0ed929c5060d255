package scanner

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/secretsweep/secretsweep/scanner/engine"
)

// gitScan is the shared state of a history or range scan. Each piece of
// content (a path's change from one blob to another) is scanned once even
// when several commits carry it (branches, cherry-picks); its findings are
// attributed to the earliest of those commits.
type gitScan struct {
	s      *session
	mu     sync.Mutex
	claims map[changeKey]claim
	refs   []commitRef // the commits scanned, indexed by claim.best
	found  [][]Finding // findings of claims, indexed by claim.found
	// messages are the findings in commit messages (scanMessage).
	messages []Finding
	// trees keeps decoded trees: commits are walked newest first, so the
	// tree a child was diffed against is, moments later, its parent's own.
	// (Blob contents are not cached here: odb's delta base cache, by pack
	// offset, did more per megabyte on rails' history.)
	trees    *lru[plumbing.Hash, []treeEntry]
	stats    Stats
	fail     failures // objects that could not be read
	boundary int      // shallow boundary commits scanned
	// background holds what runs beside the walk (countCommits): it
	// reads the repository, so it ends before the repository closes.
	background sync.WaitGroup
}

// claim records the earliest commit carrying a change and where its
// findings are, compactly and without pointers (a full history has
// hundreds of thousands of changes; a map without pointers is not scanned
// by the garbage collector).
type claim struct {
	best  uint32 // index into gitScan.refs
	found int32  // index into gitScan.found, -1 for none
}

// commitRef identifies a commit and orders it by author date, then
// committer date, then hash.
type commitRef struct {
	hash              plumbing.Hash
	author, committer int64
}

func refOf(c *commit) commitRef {
	return commitRef{c.hash, c.author.when.UnixNano(), c.committer.when.UnixNano()}
}

func (a commitRef) before(b commitRef) bool {
	if a.author != b.author {
		return a.author < b.author
	}
	if a.committer != b.committer {
		return a.committer < b.committer
	}
	return a.hash.String() < b.hash.String()
}

// changeKey is a fixed-size digest of path, old and new blob.
type changeKey [16]byte

func keyOf(ch change) changeKey {
	h := sha256.New()
	h.Write([]byte(ch.path))
	h.Write(ch.old[:])
	h.Write(ch.new[:])
	var k changeKey
	copy(k[:], h.Sum(nil))
	return k
}

// claimChange registers commit ref (an index into refs) as carrying ch and
// reports whether the caller is the first, and so must scan it.
func (g *gitScan) claimChange(ch change, ref uint32) (changeKey, bool) {
	key := keyOf(ch)
	g.mu.Lock()
	defer g.mu.Unlock()
	if cl, ok := g.claims[key]; ok {
		if g.refs[ref].before(g.refs[cl.best]) {
			cl.best = ref
			g.claims[key] = cl
		}
		return key, false
	}
	g.claims[key] = claim{best: ref, found: -1}
	return key, true
}

func (s *session) scanGit(ctx context.Context) (*Result, error) {
	if fi, err := os.Stat(s.root); err == nil && !fi.IsDir() {
		// git log FILE would limit the history to that path; scanning the
		// whole repository instead would silently answer another question.
		return nil, fmt.Errorf("%s is a file: a %s scan covers a whole repository; give the repository's directory (scanning one file's history is not supported)", s.opts.Path, s.opts.Mode)
	}
	r, err := s.openRepo()
	if err != nil {
		return nil, err
	}
	defer r.close()
	baseCache, treeCache := cacheSizes(r.db.Size())
	r.db.SetCacheBytes(baseCache)
	g := &gitScan{s: s, claims: map[changeKey]claim{},
		trees: newLRU[plumbing.Hash, []treeEntry](treeCache)}
	if s.opts.Mode == ModeStaged {
		return g.staged(ctx, r)
	}
	walk, err := g.walker(r)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	commits := make(chan *commit, 256)
	var wg sync.WaitGroup
	errs := make(chan error, s.opts.Workers+1)
	for i := 0; i < s.opts.Workers; i++ {
		w := newGitWorker(g, r)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range commits {
				if err := w.commit(ctx, c); err != nil {
					errs <- err
					cancel()
					for range commits {
					}
					return
				}
			}
		}()
	}
	stop := g.reportProgress()
	werr := walk(ctx, commits)
	close(commits)
	wg.Wait()
	stop()
	g.background.Wait() // reads only commits: done before the scan, but for errors
	close(errs)
	if err := <-errs; err != nil {
		return nil, err
	}
	if werr != nil {
		return nil, werr
	}
	return g.result(r)
}

// cacheSizes sizes the delta base cache (bytes) and the tree cache
// (entries) to the repository: a full history of rails (395 MiB of packs,
// 1.24M objects) gets 32 MiB and 200k entries, where a smaller base cache
// meant a third more bytes inflated; trufflehog (55 MiB, 161k objects)
// gets 8 MiB and 54k entries, 28% less peak memory for 14% more objects
// inflated (the inflated bytes of trufflehog's history are small).
func cacheSizes(objects int, packBytes int64) (baseBytes, treeEntries int) {
	baseBytes = int(min(max(packBytes/8, 8<<20), 32<<20))
	treeEntries = min(max(objects/3, 50_000), 200_000)
	return baseBytes, treeEntries
}

// reportProgress writes a line to Options.Progress every two seconds until
// the returned stop is called, and a last one then.
func (g *gitScan) reportProgress() (stop func()) {
	w := g.s.opts.Progress
	if w == nil {
		return func() {}
	}
	line := func(prefix string) {
		g.mu.Lock()
		st := g.stats
		g.mu.Unlock()
		fmt.Fprintf(w, "%s: %d commits, %d blobs, %d MiB\n", prefix, st.Commits, st.Files, g.s.engine.Bytes()>>20)
	}
	done, exited := make(chan struct{}), make(chan struct{})
	ticker := time.NewTicker(2 * time.Second)
	go func() {
		defer close(exited)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				line("scanning")
			}
		}
	}()
	return func() {
		close(done)
		<-exited
		line("scanned")
	}
}

// walker returns the commit walk for the mode: history.go or range.go.
func (g *gitScan) walker(r *repo) (func(context.Context, chan<- *commit) error, error) {
	cr := &commitReader{db: r.db, shallow: r.shallow, failed: g.readFailed}
	if g.s.opts.Mode == ModeHistory {
		return g.historyWalker(r, cr)
	}
	return g.rangeWalker(r, cr)
}

// result attributes each claim's findings to its earliest commit, and
// accounts for what could not be read (an *IncompleteError with res).
func (g *gitScan) result(r *repo) (*Result, error) {
	res := &Result{Stats: g.stats, Findings: g.messages}
	infos := map[plumbing.Hash]*engine.CommitInfo{}
	for _, cl := range g.claims {
		if cl.found < 0 {
			continue
		}
		best := g.refs[cl.best].hash
		info, ok := infos[best]
		if !ok {
			c, err := getCommit(r.db, best)
			if err != nil {
				return nil, fmt.Errorf("read commit %s: %w", best, err)
			}
			info = c.info()
			infos[best] = info
		}
		for _, f := range g.found[cl.found] {
			engine.SetCommit(&f, info)
			res.Findings = append(res.Findings, f)
		}
	}
	return res, g.finish(r, res)
}
