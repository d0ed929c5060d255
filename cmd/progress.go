package cmd

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/secretsweep/secretsweep/scanner"
)

// progressInterval is how often the bar is redrawn: at most ten times a
// second, from its own goroutine; the scan only adds to atomic counters.
const progressInterval = 100 * time.Millisecond

// scanProgress draws a git scan's scanner.Counters on a terminal with
// github.com/schollz/progressbar/v3: commits (against the total once the
// scan has counted it), blobs, bytes, findings and an ETA computed from
// the Factory's clock.
type scanProgress struct {
	c     *scanner.Counters
	now   func() time.Time
	start time.Time
	bar   *progressbar.ProgressBar
}

func newScanProgress(w io.Writer, c *scanner.Counters, now func() time.Time) *scanProgress {
	bar := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(24),
		progressbar.OptionSetElapsedTime(false),
		progressbar.OptionSetPredictTime(false), // ETA from the injected clock, below
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionThrottle(0), // the caller's ticker paces redraws
	)
	return &scanProgress{c: c, now: now, start: now(), bar: bar}
}

// render draws the counters once.
func (p *scanProgress) render() {
	done, total := p.c.Commits.Load(), p.c.TotalCommits.Load()
	if total > 0 && p.bar.GetMax64() != total {
		p.bar.ChangeMax64(total)
	}
	p.bar.Describe(p.describe(done, total))
	_ = p.bar.Set64(done)
}

// describe is the text after the bar.
func (p *scanProgress) describe(done, total int64) string {
	s := fmt.Sprintf("commits, %d blobs, %s, %d findings", p.c.Blobs.Load(), mib(p.c.Bytes.Load()), p.c.Findings.Load())
	if eta, ok := estimate(p.now().Sub(p.start), done, total); ok {
		s += ", ETA " + eta.String()
	}
	return s
}

// estimate is the time left when done of total took elapsed.
func estimate(elapsed time.Duration, done, total int64) (time.Duration, bool) {
	if done <= 0 || total <= 0 || done > total {
		return 0, false
	}
	left := time.Duration(float64(elapsed) * float64(total-done) / float64(done))
	return left.Round(time.Second), true
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// run redraws every interval until stop is called, which draws the final
// counts and erases the bar, so that the report and summary start on a
// clean line.
func (p *scanProgress) run(interval time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				p.render()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
		p.render()
		_ = p.bar.Clear()
	}
}
