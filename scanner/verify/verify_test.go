package verify

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

func verified(reason string) finding.Verification {
	return finding.Verification{Status: StatusVerified, Reason: reason}
}

func invalid(reason string) finding.Verification {
	return finding.Verification{Status: StatusInvalid, Reason: reason}
}

// scripted is a verifier for runner tests: it matches rule "scripted" and
// runs fn.
type scripted struct {
	fn    func(ctx context.Context, c Candidate) finding.Verification
	calls atomic.Int32
}

func (*scripted) Name() string                 { return "scripted" }
func (*scripted) Match(f finding.Finding) bool { return f.RuleID == "scripted" }
func (s *scripted) Verify(ctx context.Context, c Candidate) finding.Verification {
	s.calls.Add(1)
	return s.fn(ctx, c)
}

func TestRunBoundsConcurrencyAndDedupes(t *testing.T) {
	var inFlight, peak atomic.Int32
	v := &scripted{fn: func(ctx context.Context, c Candidate) finding.Verification {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		inFlight.Add(-1)
		return verified("ok")
	}}
	var fs []finding.Finding
	for i := 0; i < 12; i++ {
		fs = append(fs, newFinding("scripted", "FAKE-secret-"+string(rune('a'+i))))
	}
	// The same secret again in other files: checked once.
	dup := newFinding("scripted", "FAKE-secret-a")
	dup.File = "other.env"
	fs = append(fs, dup, dup)
	s := Run(context.Background(), fs, Options{Verifiers: []Verifier{v}, Concurrency: 3})
	if peak.Load() > 3 || peak.Load() < 2 {
		t.Errorf("peak concurrency %d, want 2..3", peak.Load())
	}
	if v.calls.Load() != 12 || s.Checks != 12 || s.Verified != 14 {
		t.Errorf("calls %d summary %+v", v.calls.Load(), s)
	}
	for _, f := range fs {
		if f.Verification == nil || f.Verification.Status != StatusVerified {
			t.Errorf("%s: %+v", f.File, f.Verification)
		}
	}
}

func TestRunOutcomes(t *testing.T) {
	secret := "FAKE-secret-value-123"
	tests := []struct {
		name       string
		fn         func(ctx context.Context, c Candidate) finding.Verification
		f          func() finding.Finding
		wantStatus string
		reason     string
	}{
		{"timeout", func(ctx context.Context, _ Candidate) finding.Verification {
			<-ctx.Done()
			return unknownf("cancelled")
		}, nil, StatusUnknown, "no answer within 50ms"},
		{"panic", func(context.Context, Candidate) finding.Verification { panic("boom") }, nil, StatusUnknown, "internal error"},
		{"empty status", func(context.Context, Candidate) finding.Verification { return finding.Verification{Reason: "?"} }, nil, StatusUnknown, "?"},
		{"secret scrubbed", func(_ context.Context, c Candidate) finding.Verification {
			return invalid("provider said: bad key " + c.Finding.Secret)
		}, nil, StatusInvalid, "bad key REDACTED"},
		{"no verifier", nil, func() finding.Finding { return newFinding("generic-api-key", secret) }, StatusUnknown, "no live check for rule generic-api-key"},
		{"redacted", nil, func() finding.Finding {
			f := newFinding("scripted", secret)
			f.Redact()
			return f
		}, StatusUnknown, "redacted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFinding("scripted", secret)
			if tt.f != nil {
				f = tt.f()
			}
			v := &scripted{fn: tt.fn}
			fs := []finding.Finding{f}
			Run(context.Background(), fs, Options{Verifiers: []Verifier{v}, Timeout: 50 * time.Millisecond})
			got := fs[0].Verification
			if got == nil || got.Status != tt.wantStatus || !strings.Contains(got.Reason, tt.reason) {
				t.Errorf("got %+v, want %s %q", got, tt.wantStatus, tt.reason)
			}
			if strings.Contains(got.Reason, secret) {
				t.Errorf("reason holds the secret: %q", got.Reason)
			}
		})
	}
}

// paired is a scripted verifier of a multi-part credential.
type paired struct{ *scripted }

func (paired) Key(c Candidate) string { return c.Finding.Secret }

func TestRunPeers(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	v := &scripted{fn: func(_ context.Context, c Candidate) finding.Verification {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range c.Peers {
			seen = append(seen, p.Secret)
		}
		return verified("ok")
	}}
	me := newFinding("scripted", "FAKE-me")
	me.StartLine, me.Commit = 10, "c1"
	near := newFinding("generic-api-key", "FAKE-near")
	near.StartLine, near.Commit = 12, "c1"
	far := newFinding("generic-api-key", "FAKE-far")
	far.StartLine, far.Commit = 40, "c1"
	otherCommit := newFinding("generic-api-key", "FAKE-other-commit")
	otherCommit.StartLine, otherCommit.Commit = 10, "c2"
	otherFile := newFinding("generic-api-key", "FAKE-other-file")
	otherFile.File = "elsewhere.env"
	all := []finding.Finding{far, otherCommit, me, otherFile, near}
	Run(context.Background(), all, Options{Verifiers: []Verifier{paired{v}}})
	if strings.Join(seen, ",") != "FAKE-near,FAKE-far,FAKE-other-commit" {
		t.Errorf("peers %v", seen)
	}
	// Single-part verifiers get no peers.
	seen = nil
	Run(context.Background(), all, Options{Verifiers: []Verifier{v}})
	if len(seen) != 0 {
		t.Errorf("peers %v for a single-part verifier", seen)
	}
}

func TestOnlyVerified(t *testing.T) {
	fs := []finding.Finding{newFinding("a", "1"), newFinding("b", "2"), newFinding("c", "3"), newFinding("d", "4")}
	fs[0].Verification = &finding.Verification{Status: StatusVerified}
	fs[1].Verification = &finding.Verification{Status: StatusInvalid}
	fs[2].Verification = &finding.Verification{Status: StatusUnknown, Reason: "x"}
	got := OnlyVerified(fs)
	if len(got) != 1 || got[0].RuleID != "a" {
		t.Errorf("got %+v", got)
	}
}
