package verify

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// registrySamples holds, per registered verifier, a finding it must take
// (and no verifier before it) and the test that covers it. Adding a
// verifier to Registry without a sample and a test fails TestRegistry.
var registrySamples = map[string]struct {
	f    finding.Finding
	test string
}{
	"aws":      {newFinding("aws-access-token", fakeAWSID), "TestAWSVerifierMoto, TestAWSVerifierRejected, TestAWSPairing"},
	"github":   {newFinding("github-pat", fakeGitHub), "TestGitHubVerifier"},
	"slack":    {newFinding("slack-bot-token", fakeSlack), "TestSlackVerifier"},
	"stripe":   {newFinding("stripe-access-token", fakeStripe), "TestStripeVerifier"},
	"gitlab":   {newFinding("gitlab-pat", fakeGitLab), "TestGitLabVerifier"},
	"npm":      {newFinding("npm-access-token", fakeNPM), "TestNPMVerifier"},
	"postgres": {newFinding("postgres-url", "postgres://app:FAKE-pw@127.0.0.1:1/app"), "TestPostgresVerifier"},
}

func TestRegistry(t *testing.T) {
	vs := Registry(Endpoints{}, http.DefaultClient)
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.Name()] {
			t.Errorf("verifier %s registered twice", v.Name())
		}
		seen[v.Name()] = true
		s, ok := registrySamples[v.Name()]
		if !ok {
			t.Errorf("verifier %s has no sample and test in registrySamples", v.Name())
			continue
		}
		if m := match(vs, s.f); m == nil || m.Name() != v.Name() {
			t.Errorf("sample of %s is taken by %v", v.Name(), m)
		}
		// Each sample is taken by exactly one verifier.
		for _, other := range vs {
			if other.Name() != v.Name() && other.Match(s.f) {
				t.Errorf("sample of %s also matches %s", v.Name(), other.Name())
			}
		}
	}
	for name := range registrySamples {
		if !seen[name] {
			t.Errorf("registrySamples lists %s, which is not registered", name)
		}
	}
}

// TestSecretsOnlyReachTheirProvider points every provider at its own
// recording server, verifies one finding of each kind, and checks that
// each server saw only its own credential.
func TestSecretsOnlyReachTheirProvider(t *testing.T) {
	answer := func(w http.ResponseWriter, r *http.Request, _ string) {
		writeBody(w, http.StatusUnauthorized, "application/json", `{"ok":false,"error":"invalid_auth","message":"Bad credentials"}`)
	}
	servers := map[string]*provider{}
	for _, name := range []string{"aws", "github", "slack", "stripe", "gitlab", "npm"} {
		servers[name] = newProvider(t, answer)
	}
	e := Endpoints{
		AWS: servers["aws"].URL, GitHub: servers["github"].URL, Slack: servers["slack"].URL,
		Stripe: servers["stripe"].URL, GitLab: servers["gitlab"].URL, NPM: servers["npm"].URL,
	}
	var fs []finding.Finding
	for _, s := range registrySamples {
		f := s.f
		f.File = f.RuleID + ".env" // no pairing across kinds
		fs = append(fs, f)
	}
	aws, sec := awsPair()
	aws.File, sec.File = "aws.env", "aws.env"
	fs = append(fs, aws, sec)
	Run(context.Background(), fs, Options{Verifiers: Registry(e, http.DefaultClient)})
	want := map[string]string{
		"aws": fakeAWSID, "github": fakeGitHub, "slack": fakeSlack,
		"stripe": fakeStripe, "gitlab": fakeGitLab, "npm": fakeNPM,
	}
	for name, p := range servers {
		got := p.credentials()
		sort.Strings(got)
		if len(got) == 0 {
			t.Errorf("%s was not asked", name)
		}
		for _, c := range got {
			if c != want[name] {
				t.Errorf("%s received %q", name, c)
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

func TestEndpointsFromEnv(t *testing.T) {
	env := map[string]string{"AWS_ENDPOINT_URL": "http://127.0.0.1:5000", "GITHUB_API_URL": "https://ghe.example/api/v3/"}
	e := EndpointsFromEnv(func(k string) string { return env[k] })
	if e.AWS != "http://127.0.0.1:5000" || e.GitHub != "https://ghe.example/api/v3" || e.Slack != defaultSlack || e.AWSRegion != "us-east-1" {
		t.Errorf("%+v", e)
	}
	env["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:6000"
	if e := EndpointsFromEnv(func(k string) string { return env[k] }); e.AWS != "http://127.0.0.1:6000" {
		t.Errorf("AWS_ENDPOINT_URL_STS ignored: %+v", e)
	}
	if e := EndpointsFromEnv(func(string) string { return "" }); e.GitHub != defaultGitHub || e.AWS != "" {
		t.Errorf("defaults %+v", e)
	}
}
