package audit

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/secretsweep/secretsweep/scanner"
)

// Progress is told how an audit goes. Implementations are safe for
// concurrent use (workers report as they finish).
type Progress interface {
	Start(total int)
	Done(r RepoResult)
	// Wait reports a rate-limit wait.
	Wait(d time.Duration, why string)
	Finish()
}

// NoProgress reports nothing.
type NoProgress struct{}

func (NoProgress) Start(int)                  {}
func (NoProgress) Done(RepoResult)            {}
func (NoProgress) Wait(time.Duration, string) {}
func (NoProgress) Finish()                    {}

// counts is what both progress displays show.
type counts struct {
	mu                   sync.Mutex
	total, done, failed  int
	findings, waits      int
	waited               time.Duration
	lastRepo, lastStatus string
}

func (c *counts) line() string {
	s := fmt.Sprintf("%d findings", c.findings)
	if c.failed > 0 {
		s += fmt.Sprintf(", %d failed", c.failed)
	}
	if c.waits > 0 {
		s += fmt.Sprintf(", %d rate-limit waits (%s)", c.waits, c.waited.Round(time.Second))
	}
	return s
}

func (c *counts) done1(r RepoResult) {
	c.done++
	c.findings += r.Findings
	if r.Status == StatusFailed {
		c.failed++
	}
}

// LineProgress writes one plain line per event, for logs and CI.
type LineProgress struct {
	W io.Writer
	c counts
}

// NewLineProgress returns plain-line progress on w.
func NewLineProgress(w io.Writer) *LineProgress { return &LineProgress{W: w} }

func (p *LineProgress) Start(total int) {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	p.c.total = total
	fmt.Fprintf(p.W, "audit: %d repositories to scan\n", total)
}

func (p *LineProgress) Done(r RepoResult) {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	p.c.done1(r)
	what := fmt.Sprintf("%d findings", r.Findings)
	if r.Status == StatusFailed {
		what = "failed: " + r.Reason
	} else if r.Scan != "" {
		what += fmt.Sprintf(" (%s: %d commits, %d blobs)", r.Scan, r.Commits, r.Blobs)
	}
	fmt.Fprintf(p.W, "audit: [%d/%d] %s: %s\n", p.c.done, p.c.total, r.Repository, what)
}

func (p *LineProgress) Wait(d time.Duration, why string) {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	p.c.waits++
	p.c.waited += d
	fmt.Fprintf(p.W, "audit: %s: waiting %s\n", why, d.Round(time.Second))
}

func (p *LineProgress) Finish() {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	fmt.Fprintf(p.W, "audit: %d/%d repositories done, %s\n", p.c.done, p.c.total, p.c.line())
}

// BarProgress draws a progress bar (github.com/schollz/progressbar/v3) for
// a terminal: repositories done and an ETA, findings, rate-limit waits and,
// with Counters, the commits, blobs and bytes scanned so far, redrawn
// every Interval while repositories scan.
type BarProgress struct {
	// Counters, when set, are the scans' live counts (Options.Counters).
	Counters *scanner.Counters
	// Interval is how often Counters are redrawn (default 100ms).
	Interval time.Duration
	w        io.Writer
	bar      *progressbar.ProgressBar
	c        counts
	stop     chan struct{}
	stopped  sync.WaitGroup
}

// NewBarProgress returns a progress bar on w (a terminal).
func NewBarProgress(w io.Writer) *BarProgress { return &BarProgress{w: w} }

func (p *BarProgress) Start(total int) {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	p.c.total = total
	throttle := 100 * time.Millisecond
	if p.Counters != nil {
		throttle = 0 // the ticker below paces the redraws
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription("repositories"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionShowDescriptionAtLineEnd(),
		progressbar.OptionThrottle(throttle),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
	)
	if p.Counters == nil {
		return
	}
	interval := p.Interval
	if interval <= 0 {
		interval = 100 * time.Millisecond
	}
	p.stop = make(chan struct{})
	p.stopped.Add(1)
	go func() {
		defer p.stopped.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.Refresh()
			}
		}
	}()
}

// Refresh redraws the bar with the current counts.
func (p *BarProgress) Refresh() {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	if p.bar != nil && !p.bar.IsFinished() {
		p.bar.Describe(p.line())
	}
}

// line is the bar's description: the scans' counters, then counts.line.
func (p *BarProgress) line() string {
	if p.Counters == nil {
		return p.c.line()
	}
	return fmt.Sprintf("%d commits, %d blobs, %.1f MiB, %s", p.Counters.Commits.Load(), p.Counters.Blobs.Load(),
		float64(p.Counters.Bytes.Load())/(1<<20), p.c.line())
}

func (p *BarProgress) Done(r RepoResult) {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	p.c.done1(r)
	if p.bar != nil {
		p.bar.Describe(p.line())
		p.bar.Add(1)
	}
}

func (p *BarProgress) Wait(d time.Duration, why string) {
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	p.c.waits++
	p.c.waited += d
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s; waiting %s (%s)", p.line(), d.Round(time.Second), why))
	}
}

func (p *BarProgress) Finish() {
	if p.stop != nil {
		close(p.stop)
		p.stopped.Wait()
		p.stop = nil
	}
	p.c.mu.Lock()
	defer p.c.mu.Unlock()
	if p.bar != nil && !p.bar.IsFinished() {
		p.bar.Finish()
	}
}
