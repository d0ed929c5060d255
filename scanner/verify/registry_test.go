package verify

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// sampleFinding is a finding of a credential package's sample.
func sampleFinding(s credential.Sample) finding.Finding {
	f := newFinding(s.Rule, s.Secret)
	if s.Line != "" {
		f.Line = s.Line
	}
	return f
}

// TestRegistry checks the verifiers against the credential packages: each
// package has exactly one verifier, named after it, and that verifier, and
// no other, takes exactly the samples its package marks Verify.
func TestRegistry(t *testing.T) {
	vs := Registry(Endpoints{}, http.DefaultClient)
	kinds := map[string]bool{}
	for _, k := range credtest.Kinds() {
		kinds[k.Name] = true
	}
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.Name()] {
			t.Errorf("verifier %s registered twice", v.Name())
		}
		seen[v.Name()] = true
		if !kinds[v.Name()] {
			t.Errorf("verifier %s is not named after a credential package in credtest.Kinds", v.Name())
		}
	}
	for _, k := range credtest.Kinds() {
		if !seen[k.Name] {
			t.Errorf("credential package %s has no verifier", k.Name)
		}
		for _, s := range k.Samples {
			var claimed []string
			for _, v := range vs {
				if v.Match(sampleFinding(s)) {
					claimed = append(claimed, v.Name())
				}
			}
			var want []string
			if s.Verify {
				want = []string{k.Name}
			}
			if !slices.Equal(claimed, want) {
				t.Errorf("%s sample %.16s... (%s) is taken by %v, want %v", k.Name, s.Secret, s.Rule, claimed, want)
			}
		}
	}
}

// TestSecretsOnlyReachTheirProvider points every provider at its own
// recording server, verifies one sample of each kind, and checks that
// each server saw its own credential and no other.
func TestSecretsOnlyReachTheirProvider(t *testing.T) {
	servers := map[string]*credtest.Server{}
	for _, name := range []string{"aws", "github", "slack", "stripe", "gitlab", "npm"} {
		servers[name] = credtest.NewServer(t)
		servers[name].Handle("/", credtest.Reply(http.StatusUnauthorized, `{"ok":false,"error":"invalid_auth","message":"Bad credentials"}`))
	}
	e := Endpoints{
		AWS: servers["aws"].URL, GitHub: servers["github"].URL, Slack: servers["slack"].URL,
		Stripe: servers["stripe"].URL, GitLab: servers["gitlab"].URL, NPM: servers["npm"].URL,
	}
	own := map[string]string{}
	var fs []finding.Finding
	for _, k := range credtest.Kinds() {
		if servers[k.Name] == nil {
			continue // PostgreSQL is not HTTP
		}
		for _, s := range k.Samples {
			if s.Verify {
				f := sampleFinding(s)
				f.File = k.Name + ".env" // no pairing across kinds
				fs = append(fs, f)
				own[k.Name] = s.Secret
				break
			}
		}
	}
	aws, sec := awsPair()
	aws.File, sec.File = "aws.env", "aws.env"
	fs = append(fs, aws, sec)
	Run(context.Background(), fs, Options{Verifiers: Registry(e, http.DefaultClient)})
	for name, p := range servers {
		p.Verify(t)
		for other, secret := range own {
			if got := sawSecret(p, secret); got != (other == name) {
				t.Errorf("%s server saw the %s credential: %v", name, other, got)
			}
		}
	}
	for _, f := range fs {
		if f.Verification == nil {
			t.Errorf("%s: no verification", f.RuleID)
		} else if strings.Contains(fmt.Sprint(*f.Verification), f.Secret) {
			t.Errorf("%s: verification holds the secret", f.RuleID)
		}
	}
}
