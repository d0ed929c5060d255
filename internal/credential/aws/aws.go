// Package aws knows AWS access keys: the forms of key IDs and secret
// access keys, how to find one next to the other, and STS calls signed with
// a pair only (never the default credential chain), which check a found
// pair and test a freshly rotated one. The IAM rotation itself is
// remediate's (remediate/awskey.go): it is the only user of those calls.
package aws

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/secretsweep/secretsweep/internal/credential"
	"github.com/secretsweep/secretsweep/internal/credential/httpx"
)

// DefaultRegion signs STS calls when none is configured.
const DefaultRegion = "us-east-1"

// EnvSTS and EnvEndpoint name the variables that move STS, in the order
// the AWS SDKs honour them.
const (
	EnvSTS      = "AWS_ENDPOINT_URL_STS"
	EnvEndpoint = "AWS_ENDPOINT_URL"
)

// Guide is AWS's page on rotating access keys.
const Guide = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console"

// Key IDs are a four-letter prefix and 16 base-32 characters: AKIA for
// IAM user keys, ASIA for temporary (STS) keys, ABIA and ACCA for
// service-specific ones.
var (
	KeyID      = regexp.MustCompile(`^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$`)
	keyIDIn    = regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`)
	secretKey  = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)
	secretIn   = regexp.MustCompile(`(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)
	lowerCase  = regexp.MustCompile(`[a-z]`)
	upperCase  = regexp.MustCompile(`[A-Z]`)
	iamUserKey = regexp.MustCompile(`^AKIA`)
)

// Verifiable reports whether a finding of rule holding s is half of an
// access key pair that STS can check: a key ID, or a secret access key
// reported by an AWS rule (40 random characters alone say nothing).
func Verifiable(s, rule string) bool {
	return KeyID.MatchString(s) || (LooksLikeSecret(s) && strings.Contains(strings.ToLower(rule), "aws"))
}

// Rotatable reports whether s is the key ID of an IAM user's access key,
// which IAM can replace. Temporary and service keys are not IAM user keys:
// IAM would not find them and report them gone.
func Rotatable(s string) bool { return KeyID.MatchString(s) && iamUserKey.MatchString(s) }

// Temporary reports whether the key ID is a temporary (STS) key, which
// works only with its session token.
func Temporary(id string) bool { return strings.HasPrefix(id, "ASIA") }

// LooksLikeSecret keeps random-looking 40-character strings and drops hex
// digests such as git SHA-1s.
func LooksLikeSecret(s string) bool {
	return secretKey.MatchString(s) && lowerCase.MatchString(s) && upperCase.MatchString(s)
}

// FindKeyID returns the first key ID in text, or "".
func FindKeyID(text string) string { return keyIDIn.FindString(text) }

// FindSecrets returns the secret-looking 40-character runs in text.
func FindSecrets(text string) []string {
	var out []string
	for _, m := range secretIn.FindAllStringSubmatch(text, -1) {
		if LooksLikeSecret(m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// NewSTS returns an STS client built from cfg that signs with creds only
// and does not follow redirects.
func NewSTS(cfg aws.Config, creds aws.Credentials) *sts.Client {
	c := cfg.Copy()
	creds.Source = "secretsweep"
	c.Credentials = credentials.StaticCredentialsProvider{Value: creds}
	c.HTTPClient = noRedirect(cfg.HTTPClient)
	return sts.NewFromConfig(c)
}

// noRedirect turns the SDK's HTTP client into one that does not follow
// redirects (the SDK's own follows 307 and 308).
func noRedirect(c aws.HTTPClient) *http.Client {
	switch h := c.(type) {
	case *http.Client:
		return httpx.NoRedirect(h)
	case interface {
		GetTransport() *http.Transport
		GetTimeout() time.Duration
	}:
		return httpx.NoRedirect(&http.Client{Transport: h.GetTransport(), Timeout: h.GetTimeout()})
	}
	return httpx.NoRedirect(nil)
}

// Client checks found key pairs with STS at Endpoint (the SDK's default
// for Region when empty) through HTTP.
type Client struct {
	Endpoint, Region string
	HTTP             *http.Client
}

// Verify checks the key ID with each secret in turn (nearest first) with
// sts:GetCallerIdentity, which any working key may call.
func (c Client) Verify(ctx context.Context, id string, secrets []string) credential.Verdict {
	switch {
	case id == "":
		return credential.Unknownf("AWS: no access key id found next to this secret")
	case len(secrets) == 0:
		return credential.Unknownf("AWS: no secret access key found next to the key id")
	case Temporary(id):
		return credential.Unknownf("AWS: a temporary (ASIA) key needs its session token")
	}
	mismatch := false
	for _, secret := range secrets {
		arn, code, err := c.callerIdentity(ctx, id, secret)
		switch {
		case err == nil:
			return credential.VerifiedBecause("AWS: key pair is active for %s", arn)
		case code == "InvalidClientTokenId":
			return credential.InvalidBecause("AWS: the key id does not exist or is deactivated (InvalidClientTokenId)")
		case code == "SignatureDoesNotMatch":
			mismatch = true
			continue
		case code != "":
			return credential.Unknownf("AWS: STS answered %s", code)
		default:
			return credential.Unknownf("AWS: STS call failed: %v", err)
		}
	}
	if mismatch {
		return credential.InvalidBecause("AWS: the key id exists but the secret found with it does not match (SignatureDoesNotMatch)")
	}
	return credential.Unknownf("AWS: no usable secret for the key id")
}

func (c Client) callerIdentity(ctx context.Context, id, secret string) (arn, code string, err error) {
	region := c.Region
	if region == "" {
		region = DefaultRegion
	}
	cfg := aws.Config{Region: region, HTTPClient: c.HTTP, RetryMaxAttempts: 1}
	if c.Endpoint != "" {
		cfg.BaseEndpoint = aws.String(c.Endpoint)
	}
	out, err := NewSTS(cfg, aws.Credentials{AccessKeyID: id, SecretAccessKey: secret}).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) {
			return "", ae.ErrorCode(), err
		}
		if ctx.Err() != nil {
			return "", "", ctx.Err()
		}
		var oe *smithy.OperationError
		if errors.As(err, &oe) {
			err = oe.Err
		}
		return "", "", err
	}
	return aws.ToString(out.Arn), "", nil
}
