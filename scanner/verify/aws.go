package verify

import (
	"context"
	"net/http"
	"strings"

	"github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/finding"
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
func (awsVerifier) Match(f finding.Finding) bool { return aws.Verifiable(f.Secret, f.RuleID) }

// pair returns the key id and the secrets to try with it, nearest first.
func (awsVerifier) pair(c Candidate) (string, []string) {
	f := c.Finding
	if !aws.KeyID.MatchString(f.Secret) {
		// f is the secret: find the nearest key id.
		id := aws.FindKeyID(f.Line)
		for _, p := range c.Peers {
			if id != "" {
				break
			}
			if aws.KeyID.MatchString(p.Secret) {
				id = p.Secret
			} else {
				id = aws.FindKeyID(p.Line)
			}
		}
		return id, []string{f.Secret}
	}
	var secrets []string
	seen := map[string]bool{}
	add := func(ss ...string) {
		for _, s := range ss {
			if aws.LooksLikeSecret(s) && !seen[s] && len(secrets) < maxAWSPairs {
				seen[s] = true
				secrets = append(secrets, s)
			}
		}
	}
	add(aws.FindSecrets(f.Line)...)
	for _, p := range c.Peers {
		add(p.Secret)
		if strings.Contains(strings.ToLower(p.Line), "secret") {
			add(aws.FindSecrets(p.Line)...)
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
	return fromVerdict(aws.Client{Endpoint: v.endpoint, Region: v.region, HTTP: v.hc}.Verify(ctx, id, secrets))
}
