package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zricethezav/gitleaks/v8/config"

	"github.com/secretsweep/secretsweep/rules"
	"github.com/secretsweep/secretsweep/scanner"
)

func TestZZPerf(t *testing.T) {
	var frags []scanner.Fragment
	for _, dir := range []string{"/root/go/pkg/mod/github.com/aws/aws-sdk-go-v2/service/iam@v1.65.0", "/root/go/pkg/mod/github.com/spf13/cobra@v1.10.2", "/root/go/pkg/mod/github.com/go-git/go-git/v5@v5.19.3/plumbing"} {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && info.Size() < 1<<20 {
				b, _ := os.ReadFile(p)
				frags = append(frags, scanner.Fragment{Path: p, Text: string(b), StartLine: 1})
			}
			return nil
		})
	}
	full, _ := scanner.DefaultConfig()
	ours := map[string]bool{}
	for _, r := range rules.All() {
		ours[r.RuleID] = true
	}
	without := func(drop func(id string) bool) config.Config {
		c := full
		c.Rules = map[string]config.Rule{}
		c.OrderedRules = nil
		c.Keywords = map[string]struct{}{}
		for id, r := range full.Rules {
			if drop(id) {
				continue
			}
			c.Rules[id] = r
			c.OrderedRules = append(c.OrderedRules, id)
			for _, k := range r.Keywords {
				c.Keywords[k] = struct{}{}
			}
		}
		return c
	}
	measure := func(name string, cfg config.Config) {
		e := scanner.NewEngine(cfg, scanner.EngineOptions{MaxDecodeDepth: 5})
		best := time.Hour
		n := 0
		for rep := 0; rep < 3; rep++ {
			var ru0, ru1 syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			n = 0
			for _, f := range frags {
				n += len(e.Scan(context.Background(), f))
			}
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
			if u := time.Duration(ru1.Utime.Nano() - ru0.Utime.Nano()); u < best {
				best = u
			}
		}
		u := best
		t.Logf("%-32s user=%v findings=%d", name, u, n)
	}
	measure("gitleaks only", without(func(id string) bool { return ours[id] }))
	measure("all but generic-secret-*", without(func(id string) bool { return strings.HasPrefix(id, "generic-secret-") }))
	for _, g := range []string{"generic-secret-code", "generic-secret-env", "generic-secret-yaml", "generic-secret-ini"} {
		g := g
		measure("gitleaks +"+g, without(func(x string) bool { return ours[x] && x != g }))
	}
	measure("all", full)
}
