package credential_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"testing"

	sdkaws "github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/github"
	"github.com/secretsweep/secretsweep/internal/credential/gitlab"
	"github.com/secretsweep/secretsweep/internal/credential/npm"
	"github.com/secretsweep/secretsweep/internal/credential/slack"
	"github.com/secretsweep/secretsweep/internal/credential/stripe"
)

// Fake credentials, one per kind.
const (
	ghToken      = "ghp_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa"
	ghRefresh    = "ghr_FAKEzork7Qm2vLx9Rk4Tn8Wb3Yc6Hd1Jf5Pa"
	slackToken   = "xoxb-0000000000-0000000000000-FAKEEXAMPLEfake00000000"
	gitlabToken  = "glpat-FAKEEXAMPLE000000000"
	npmToken     = "npm_FAKEEXAMPLE0000000000000000000000000"
	stripeKey    = "sk_test_FAKE51HxExampleKey0123456789"
	awsKeyID     = "AKIAFAKEEXAMPLE23456"
	awsSecretKey = "FAKEsecretKEYexample/0123456789abcdefGHI"
)

type nopRecorder struct{}

func (nopRecorder) Step(string, string, error) {}

// verified turns a verdict into "the operation claimed success".
func verified(v credential.Verdict) bool { return v.Status != credential.Unknown }

// revoked turns a revocation into "the operation claimed success".
func revoked(_ credential.Revocation, err error) bool { return err == nil }

// stsCall signs GetCallerIdentity with a pair through NewSTS, as remediate
// tests a new key, with the given SDK HTTP client.
func stsCall(hc sdkaws.HTTPClient) func(context.Context, string) bool {
	return func(ctx context.Context, base string) bool {
		cfg := sdkaws.Config{Region: "us-east-1", BaseEndpoint: sdkaws.String(base), HTTPClient: hc, RetryMaxAttempts: 1}
		_, err := aws.NewSTS(cfg, sdkaws.Credentials{AccessKeyID: awsKeyID, SecretAccessKey: awsSecretKey}).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		return err == nil
	}
}

// TestNoCredentialFollowsARedirect sends every credential-bearing request
// of every kind to a server that redirects to a second server: the second
// must never be contacted, and the operation must not claim success.
// (PostgreSQL logins are not HTTP and have no redirects.)
func TestNoCredentialFollowsARedirect(t *testing.T) {
	hc := &http.Client{} // net/http's default policy: follow up to 10 redirects
	ops := []struct {
		name       string
		credential string // what the second server must not see
		run        func(ctx context.Context, base string) bool
	}{
		{"github verify", ghToken, func(ctx context.Context, base string) bool {
			return verified(github.Client{API: base, HTTP: hc}.Verify(ctx, ghToken))
		}},
		{"github revoke", ghToken, func(ctx context.Context, base string) bool {
			return revoked(github.Client{API: base, HTTP: hc}.Revoke(ctx, ghToken, "t", nopRecorder{}))
		}},
		{"github revoke refresh token (body)", ghRefresh, func(ctx context.Context, base string) bool {
			return revoked(github.Client{API: base, HTTP: hc}.Revoke(ctx, ghRefresh, "t", nopRecorder{}))
		}},
		{"slack verify", slackToken, func(ctx context.Context, base string) bool {
			return verified(slack.Client{API: base, HTTP: hc}.Verify(ctx, slackToken))
		}},
		{"slack revoke", slackToken, func(ctx context.Context, base string) bool {
			return revoked(slack.Client{API: base, HTTP: hc}.Revoke(ctx, slackToken, "t", nopRecorder{}))
		}},
		{"gitlab verify", gitlabToken, func(ctx context.Context, base string) bool {
			return verified(gitlab.Client{URL: base, HTTP: hc}.Verify(ctx, gitlabToken))
		}},
		{"gitlab revoke", gitlabToken, func(ctx context.Context, base string) bool {
			return revoked(gitlab.Client{URL: base, HTTP: hc}.Revoke(ctx, gitlabToken, "t", nopRecorder{}))
		}},
		{"npm verify", npmToken, func(ctx context.Context, base string) bool {
			return verified(npm.Client{Registry: base, HTTP: hc}.Verify(ctx, npmToken))
		}},
		{"npm revoke", npmToken, func(ctx context.Context, base string) bool {
			return revoked(npm.Client{Registry: base, HTTP: hc}.Revoke(ctx, npmToken, "t", nopRecorder{}))
		}},
		{"stripe verify", base64.StdEncoding.EncodeToString([]byte(stripeKey + ":")), func(ctx context.Context, base string) bool {
			return verified(stripe.Client{API: base, HTTP: hc}.Verify(ctx, stripeKey))
		}},
		{"aws verify", awsKeyID, func(ctx context.Context, base string) bool {
			return verified(aws.Client{Endpoint: base, Region: "us-east-1", HTTP: hc}.Verify(ctx, awsKeyID, []string{awsSecretKey}))
		}},
		{"aws new key test, net/http client", awsKeyID, stsCall(hc)},
		{"aws new key test, SDK default client", awsKeyID, stsCall(awshttp.NewBuildableClient())},
		{"aws new key test, no client", awsKeyID, stsCall(nil)},
	}
	for _, op := range ops {
		for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			t.Run(op.name+"/"+http.StatusText(code), func(t *testing.T) {
				elsewhere := credtest.NewServer(t) // no routes: any request is unexpected
				first := credtest.NewServer(t)
				first.Handle("/", credtest.RedirectTo(elsewhere, code))
				if op.run(context.Background(), first.URL) {
					t.Error("the operation claimed success on a redirect")
				}
				first.Verify(t)
				if elsewhere.Saw(op.credential) {
					t.Error("the redirect target received the credential")
				}
				elsewhere.Verify(t)
			})
		}
	}
}
