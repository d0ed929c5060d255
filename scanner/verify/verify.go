// Package verify checks, on request (--verify), whether found credentials
// are live by asking the provider that issued them: AWS STS for access key
// pairs, the GitHub, Slack, Stripe, GitLab and npm APIs for their tokens,
// and a login for PostgreSQL URLs. Every finding gets a Verification:
// verified, invalid, or unknown with the reason (no check for its kind, a
// timeout, a provider error...).
//
// A secret is only ever sent to the provider its format belongs to, at the
// base URL in Endpoints; reasons never hold the secret. What each kind of
// credential looks like and how its provider checks it lives in its
// package under internal/credential; the verifiers here adapt them.
package verify

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// Verification statuses.
const (
	StatusVerified = string(credential.Verified)
	StatusInvalid  = string(credential.Invalid)
	StatusUnknown  = string(credential.Unknown)
)

// Defaults for Options.
const (
	DefaultConcurrency = 4
	DefaultTimeout     = 10 * time.Second
)

// Verifier checks one kind of credential against its provider.
type Verifier interface {
	// Name identifies the verifier (and its provider).
	Name() string
	// Match reports whether f holds a credential this verifier checks.
	Match(f finding.Finding) bool
	// Verify asks the provider whether the credential in c works. The
	// context carries the per-check timeout.
	Verify(ctx context.Context, c Candidate) finding.Verification
}

// Paired is implemented by verifiers of multi-part credentials (an AWS key
// id and its secret). Only they receive Candidate.Peers; Key names the
// parts they will check, so each distinct credential is checked once.
type Paired interface {
	Key(c Candidate) string
}

// maxPeers bounds the peers handed to a Paired verifier.
const maxPeers = 32

// Candidate is a finding to verify with the other findings of its file,
// from which verifiers of multi-part credentials pick the missing part.
type Candidate struct {
	Finding finding.Finding
	// Peers are, for Paired verifiers, the nearest other findings with the
	// same File and Source: those of the same commit first, then by
	// distance in lines (at most 32).
	Peers []finding.Finding
}

// Options configure Run.
type Options struct {
	// Verifiers are tried in order; the first that matches a finding checks it.
	Verifiers []Verifier
	// Concurrency bounds the checks in flight (default 4).
	Concurrency int
	// Timeout bounds each check (default 10s).
	Timeout time.Duration
}

// Summary counts the outcomes of Run.
type Summary struct {
	Verified, Invalid, Unknown int
	// Checks is how many distinct credentials were sent to a provider.
	Checks int
}

// Run verifies findings in place, setting every finding's Verification.
// Findings must not be redacted yet. The same credential found many times
// (in several commits or files) is checked once.
func Run(ctx context.Context, findings []finding.Finding, opts Options) Summary {
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	type job struct {
		v       Verifier
		c       Candidate
		targets []int
	}
	jobs := map[string]*job{}
	var order []string
	peers := peerIndex(findings)
	for i := range findings {
		f := &findings[i]
		if f.Redacted() || f.Secret == "" || f.Secret == finding.RedactedValue {
			f.Verification = unknown("secret was redacted before verification")
			continue
		}
		v := match(opts.Verifiers, *f)
		if v == nil {
			f.Verification = unknown(fmt.Sprintf("no live check for rule %s", f.RuleID))
			continue
		}
		c := Candidate{Finding: *f}
		key := v.Name() + "\x00" + finding.PlainSHA256(f.Secret)
		if p, ok := v.(Paired); ok {
			c.Peers = peers(i)
			key = v.Name() + "\x00" + p.Key(c)
		}
		j := jobs[key]
		if j == nil {
			j = &job{v: v, c: c}
			jobs[key] = j
			order = append(order, key)
		}
		j.targets = append(j.targets, i)
	}
	sem := make(chan struct{}, opts.Concurrency)
	var wg sync.WaitGroup
	results := make([]finding.Verification, len(order))
	for n, key := range order {
		j := jobs[key]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			results[n] = check(ctx, j.v, j.c, opts.Timeout)
		}()
	}
	wg.Wait()
	for n, key := range order {
		for _, i := range jobs[key].targets {
			v := results[n]
			findings[i].Verification = &v
		}
	}
	s := Summary{Checks: len(order)}
	for i := range findings {
		switch findings[i].Verification.Status {
		case StatusVerified:
			s.Verified++
		case StatusInvalid:
			s.Invalid++
		default:
			s.Unknown++
		}
	}
	return s
}

// check runs one verification with a timeout, turning a panic or an
// expired deadline into unknown and scrubbing secrets from the reason.
func check(ctx context.Context, v Verifier, c Candidate, timeout time.Duration) (res finding.Verification) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			res = finding.Verification{Status: StatusUnknown, Reason: v.Name() + ": internal error in verifier"}
		}
		if res.Status != StatusVerified && res.Status != StatusInvalid {
			res.Status = StatusUnknown
			if ctx.Err() != nil {
				res.Reason = fmt.Sprintf("%s: no answer within %s", v.Name(), timeout)
			}
		}
		res.Reason = scrub(res.Reason, c)
	}()
	return v.Verify(ctx, c)
}

// scrub removes every secret of the candidate from s.
func scrub(s string, c Candidate) string {
	secrets := []string{c.Finding.Secret}
	for _, p := range c.Peers {
		secrets = append(secrets, p.Secret)
	}
	for _, sec := range secrets {
		if len(sec) >= 4 {
			s = strings.ReplaceAll(s, sec, finding.RedactedValue)
		}
	}
	return s
}

func match(vs []Verifier, f finding.Finding) Verifier {
	for _, v := range vs {
		if v.Match(f) {
			return v
		}
	}
	return nil
}

// peerIndex groups findings by file and returns, for finding i, the other
// findings of its file ordered for pairing.
func peerIndex(fs []finding.Finding) func(i int) []finding.Finding {
	groups := map[string][]int{}
	for i, f := range fs {
		k := f.Source + "\x00" + f.File
		groups[k] = append(groups[k], i)
	}
	return func(i int) []finding.Finding {
		me := fs[i]
		var idx []int
		for _, j := range groups[me.Source+"\x00"+me.File] {
			if j != i {
				idx = append(idx, j)
			}
		}
		rank := func(j int) (int, int) {
			other := 0
			if fs[j].Commit != me.Commit {
				other = 1
			}
			d := fs[j].StartLine - me.StartLine
			if d < 0 {
				d = -d
			}
			return other, d
		}
		sort.SliceStable(idx, func(a, b int) bool {
			oa, da := rank(idx[a])
			ob, db := rank(idx[b])
			if oa != ob {
				return oa < ob
			}
			return da < db
		})
		idx = idx[:min(len(idx), maxPeers)]
		out := make([]finding.Finding, len(idx))
		for n, j := range idx {
			out[n] = fs[j]
		}
		return out
	}
}

// OnlyVerified returns the findings whose credential was verified live.
func OnlyVerified(fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Verification != nil && f.Verification.Status == StatusVerified {
			out = append(out, f)
		}
	}
	return out
}

// fromVerdict is a credential package's verdict as a finding's.
func fromVerdict(v credential.Verdict) finding.Verification {
	return finding.Verification{Status: string(v.Status), Reason: v.Reason}
}

func unknown(reason string) *finding.Verification {
	return &finding.Verification{Status: StatusUnknown, Reason: reason}
}

func unknownf(format string, args ...any) finding.Verification {
	return finding.Verification{Status: StatusUnknown, Reason: fmt.Sprintf(format, args...)}
}
