package verify

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Obviously fake, syntactically valid credentials.
const (
	fakeGitHub    = "ghp_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P"
	fakeGitHubApp = "ghs_FAKE0a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P"
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

// provider is an httptest server standing in for one provider's API; it
// records the credentials it was sent.
type provider struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string
}

func newProvider(t *testing.T, h func(w http.ResponseWriter, r *http.Request, cred string)) *provider {
	t.Helper()
	p := &provider{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cred := credential(r)
		p.mu.Lock()
		p.seen = append(p.seen, cred)
		p.mu.Unlock()
		h(w, r, cred)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *provider) credentials() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// credential extracts whatever credential a request carries.
func credential(r *http.Request) string {
	if u, _, ok := r.BasicAuth(); ok {
		return u
	}
	if t := r.Header.Get("PRIVATE-TOKEN"); t != "" {
		return t
	}
	a := r.Header.Get("Authorization")
	if strings.HasPrefix(a, "AWS4-HMAC-SHA256 ") {
		// Credential=AKIA.../date/region/sts/aws4_request
		_, rest, _ := strings.Cut(a, "Credential=")
		id, _, _ := strings.Cut(rest, "/")
		return id
	}
	return strings.TrimPrefix(a, "Bearer ")
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

// runHTTPCases checks v against a provider answering each case in turn.
func runHTTPCases(t *testing.T, mk func(base string) Verifier, f finding.Finding, check func(t *testing.T, r *http.Request), cases []httpCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newProvider(t, func(w http.ResponseWriter, r *http.Request, _ string) {
				check(t, r)
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				writeBody(w, tc.code, "application/json; charset=utf-8", tc.body)
			})
			got := verifyOne(t, mk(p.URL), f)
			if got.Status != tc.wantStatus || !strings.Contains(got.Reason, tc.wantReason) {
				t.Errorf("got %+v, want %s %q", got, tc.wantStatus, tc.wantReason)
			}
			if strings.Contains(got.Reason, f.Secret) {
				t.Errorf("reason holds the secret: %q", got.Reason)
			}
			if creds := p.credentials(); len(creds) != 1 || creds[0] != f.Secret {
				t.Errorf("provider got credentials %q", creds)
			}
		})
	}
}
