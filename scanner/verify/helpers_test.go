package verify

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// Obviously fake, syntactically valid credentials.
const (
	fakeGitHub    = "ghp_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa"
	fakeGitHubApp = "ghs_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa"
	fakeSlack     = "xoxb-FAKE-1234567890-abcdefEXAMPLE"
	fakeStripe    = "sk_test_FAKE51HxExampleKey0123456789"
	fakeStripeRK  = "rk_live_FAKE51HxExampleKey0123456789"
	fakeGitLab    = "glpat-FAKEexample0123456789"
	fakeNPM       = "npm_FAKEexample0123456789abcdefghijklmno"
	fakeAWSID     = "AKIAFAKEEXAMPLE23456"
	fakeAWSSecret = "FAKEsecretKEYexample/0123456789abcdefGHI"
)

func newFinding(rule, secret string) finding.Finding {
	return finding.Finding{
		RuleID: rule, Secret: secret, Match: secret, Line: "token = " + secret,
		File: "config/app.env", StartLine: 3,
	}
}

func writeBody(w http.ResponseWriter, code int, contentType, body string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(code)
	_, _ = w.Write([]byte(body))
}

// verifyOne runs v on one finding the way Run does.
func verifyOne(t *testing.T, v Verifier, f finding.Finding, peers ...finding.Finding) finding.Verification {
	t.Helper()
	if !v.Match(f) {
		t.Fatalf("%s does not match %s finding", v.Name(), f.RuleID)
	}
	return check(context.Background(), v, Candidate{Finding: f, Peers: peers}, 5*time.Second)
}

// httpCase is a table row for an HTTP provider: what the fake answers and
// the verdict expected.
type httpCase struct {
	name       string
	code       int
	body       string
	header     map[string]string
	wantStatus string
	wantReason string
}

// runHTTPCases checks v against a provider that expects one call to route
// (http.ServeMux syntax) and answers each case in turn; check, when set,
// looks at the request too.
func runHTTPCases(t *testing.T, mk func(base string) Verifier, f finding.Finding, route string, check func(t *testing.T, r *http.Request), cases []httpCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := credtest.NewServer(t)
			p.Handle(route, func(w http.ResponseWriter, r *http.Request) {
				if check != nil {
					check(t, r)
				}
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				writeBody(w, tc.code, "application/json; charset=utf-8", tc.body)
			}).Times(1)
			got := verifyOne(t, mk(p.URL), f)
			if got.Status != tc.wantStatus || !strings.Contains(got.Reason, tc.wantReason) {
				t.Errorf("got %+v, want %s %q", got, tc.wantStatus, tc.wantReason)
			}
			if strings.Contains(got.Reason, f.Secret) {
				t.Errorf("reason holds the secret: %q", got.Reason)
			}
			if !sawSecret(p, f.Secret) {
				t.Error("the provider was not sent the credential")
			}
			p.Verify(t)
		})
	}
}

// sawSecret reports whether the server received secret, as is or as a
// basic-auth user name.
func sawSecret(p *credtest.Server, secret string) bool {
	return p.Saw(secret) || p.Saw(base64.StdEncoding.EncodeToString([]byte(secret+":")))
}
