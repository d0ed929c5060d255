package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/hook"
)

// TestHookRunCmdIncompleteBlocks: when the scan could not read everything
// (the scanner returns its result with an IncompleteError), the hook
// reports what it found and what it could not read, and blocks with exit
// 2 whether or not it found leaks.
func TestHookRunCmdIncompleteBlocks(t *testing.T) {
	repo, head := hookTestRepo(t)
	leak := finding.Finding{RuleID: "github-pat", File: "a.env", StartLine: 1, Commit: head,
		Secret: "ghp_FAKEfake0123456789abcdefFAKEfake0123", Match: "T=ghp_FAKEfake0123456789abcdefFAKEfake0123",
		Fingerprint: head + ":a.env:github-pat:1"}
	unread := "cannot read blob 89abcdef0123456789abcdef0123456789abcdef (b.env in commit " + head + "): corrupt: loose object: unexpected EOF"
	for _, tc := range []struct {
		name     string
		kind     hook.Kind
		findings []finding.Finding
		want     []string
	}{
		{"push, no leaks", hook.PrePush, nil, []string{"secretsweep: error: " + unread}},
		{"push with a leak", hook.PrePush, []finding.Finding{leak}, []string{"secretsweep: error: " + unread, "push blocked: 1 leak", "a.env:1"}},
		{"commit", hook.PreCommit, nil, []string{"secretsweep: error: " + unread}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(repo)
			f, _, errOut := hookTestFactory("refs/heads/main "+head+" refs/heads/main "+strings.Repeat("0", 40)+"\n", nil)
			opts := &hookRunOptions{f: f, Kind: tc.kind, Remote: "origin",
				Scan: func(_ context.Context, o scanner.Options) (*finding.Result, error) {
					res := &finding.Result{Findings: append([]finding.Finding(nil), tc.findings...),
						Stats: finding.Stats{Commits: 1, Unreadable: 1, Errors: []string{unread}}}
					return res, &scanner.IncompleteError{Unreadable: 1, What: "git objects", First: unread}
				}}
			err := runHookRun(context.Background(), opts)
			if !errors.Is(err, scanner.ErrIncomplete) || errors.Is(err, ErrLeaksFound) {
				t.Fatalf("err = %v, want an incomplete scan", err)
			}
			action := "push"
			if tc.kind == hook.PreCommit {
				action = "commit"
			}
			if !strings.Contains(err.Error(), action+" blocked: scan incomplete") {
				t.Errorf("err = %q", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut.String(), "no leaks") || strings.Contains(errOut.String(), leak.Secret) {
				t.Errorf("stderr says no leaks or shows the secret:\n%s", errOut)
			}
		})
	}
}
