package verify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

var (
	awsKeyID     = regexp.MustCompile(`^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$`)
	awsKeyIDIn   = regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b`)
	awsSecret    = regexp.MustCompile(`^[A-Za-z0-9/+]{40}$`)
	awsSecretIn  = regexp.MustCompile(`(?:^|[^A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)
	awsLowerCase = regexp.MustCompile(`[a-z]`)
	awsUpperCase = regexp.MustCompile(`[A-Z]`)
)

// maxAWSPairs bounds how many secret candidates are tried for one key id.
const maxAWSPairs = 3

// awsVerifier checks an AWS access key pair with STS GetCallerIdentity,
// which any valid key may call. gitleaks reports the key id; the secret is
// paired from the same line or the other findings of the same file.
type awsVerifier struct {
	endpoint, region string
	hc               *http.Client
}

func (awsVerifier) Name() string { return "aws" }

// Match takes key ids, and 40-character secrets reported by an AWS rule.
func (awsVerifier) Match(f finding.Finding) bool {
	if awsKeyID.MatchString(f.Secret) {
		return true
	}
	return looksLikeAWSSecret(f.Secret) && strings.Contains(strings.ToLower(f.RuleID), "aws")
}

// looksLikeAWSSecret keeps random-looking 40-character strings and drops
// hex digests such as git SHA-1s.
func looksLikeAWSSecret(s string) bool {
	return awsSecret.MatchString(s) && awsLowerCase.MatchString(s) && awsUpperCase.MatchString(s)
}

// pair returns the key id and the secrets to try with it, nearest first.
func (awsVerifier) pair(c Candidate) (string, []string) {
	f := c.Finding
	if !awsKeyID.MatchString(f.Secret) {
		// f is the secret: find the nearest key id.
		id := awsKeyIDIn.FindString(f.Line)
		for _, p := range c.Peers {
			if id != "" {
				break
			}
			if awsKeyID.MatchString(p.Secret) {
				id = p.Secret
			} else {
				id = awsKeyIDIn.FindString(p.Line)
			}
		}
		return id, []string{f.Secret}
	}
	var secrets []string
	seen := map[string]bool{}
	add := func(s string) {
		if looksLikeAWSSecret(s) && !seen[s] && len(secrets) < maxAWSPairs {
			seen[s] = true
			secrets = append(secrets, s)
		}
	}
	inLine := func(line string) {
		for _, m := range awsSecretIn.FindAllStringSubmatch(line, -1) {
			add(m[1])
		}
	}
	inLine(f.Line)
	for _, p := range c.Peers {
		add(p.Secret)
		if strings.Contains(strings.ToLower(p.Line), "secret") {
			inLine(p.Line)
		}
	}
	return f.Secret, secrets
}

// Key names the pair, so a key id paired with different secrets in
// different files is checked once per secret.
func (v awsVerifier) Key(c Candidate) string {
	id, secrets := v.pair(c)
	return finding.PlainSHA256(id + "\x00" + strings.Join(secrets, "\x00"))
}

func (v awsVerifier) Verify(ctx context.Context, c Candidate) finding.Verification {
	id, secrets := v.pair(c)
	switch {
	case id == "":
		return unknownf("AWS: no access key id found next to this secret")
	case len(secrets) == 0:
		return unknownf("AWS: no secret access key found next to the key id")
	case strings.HasPrefix(id, "ASIA"):
		return unknownf("AWS: a temporary (ASIA) key needs its session token")
	}
	mismatch := false
	for _, secret := range secrets {
		arn, code, err := v.callerIdentity(ctx, id, secret)
		switch {
		case err == nil:
			return verified(fmt.Sprintf("AWS: key pair is active for %s", arn))
		case code == "InvalidClientTokenId":
			return invalid("AWS: the key id does not exist or is deactivated (InvalidClientTokenId)")
		case code == "SignatureDoesNotMatch":
			mismatch = true
			continue
		case code != "":
			return unknownf("AWS: STS answered %s", code)
		default:
			return unknownf("AWS: STS call failed: %v", err)
		}
	}
	if mismatch {
		return invalid("AWS: the key id exists but the secret found with it does not match (SignatureDoesNotMatch)")
	}
	return unknownf("AWS: no usable secret for the key id")
}

// callerIdentity calls STS with the pair only (never the default chain).
func (v awsVerifier) callerIdentity(ctx context.Context, id, secret string) (arn, code string, err error) {
	cfg := aws.Config{
		Region:           v.region,
		Credentials:      credentials.NewStaticCredentialsProvider(id, secret, ""),
		HTTPClient:       v.hc,
		RetryMaxAttempts: 1,
	}
	client := sts.NewFromConfig(cfg, func(o *sts.Options) {
		if v.endpoint != "" {
			o.BaseEndpoint = aws.String(v.endpoint)
		}
	})
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
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
