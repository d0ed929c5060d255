package remediate

import (
	"context"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	credaws "github.com/secretsweep/secretsweep/internal/credential/aws"
	"github.com/secretsweep/secretsweep/internal/credential/endpoint"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// IAMAPI is the part of the IAM client the AWS key rotator uses.
type IAMAPI interface {
	GetAccessKeyLastUsed(ctx context.Context, in *iam.GetAccessKeyLastUsedInput, opts ...func(*iam.Options)) (*iam.GetAccessKeyLastUsedOutput, error)
	ListAccessKeys(ctx context.Context, in *iam.ListAccessKeysInput, opts ...func(*iam.Options)) (*iam.ListAccessKeysOutput, error)
	CreateAccessKey(ctx context.Context, in *iam.CreateAccessKeyInput, opts ...func(*iam.Options)) (*iam.CreateAccessKeyOutput, error)
	UpdateAccessKey(ctx context.Context, in *iam.UpdateAccessKeyInput, opts ...func(*iam.Options)) (*iam.UpdateAccessKeyOutput, error)
	DeleteAccessKey(ctx context.Context, in *iam.DeleteAccessKeyInput, opts ...func(*iam.Options)) (*iam.DeleteAccessKeyOutput, error)
	GetUser(ctx context.Context, in *iam.GetUserInput, opts ...func(*iam.Options)) (*iam.GetUserOutput, error)
	PutUserPolicy(ctx context.Context, in *iam.PutUserPolicyInput, opts ...func(*iam.Options)) (*iam.PutUserPolicyOutput, error)
}

// STSAPI is the part of the STS client used to test new credentials.
type STSAPI interface {
	GetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, opts ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
	GetAccessKeyInfo(ctx context.Context, in *sts.GetAccessKeyInfoInput, opts ...func(*sts.Options)) (*sts.GetAccessKeyInfoOutput, error)
}

// SecretsAPI is the part of the Secrets Manager client remediate uses.
type SecretsAPI interface {
	ListSecrets(ctx context.Context, in *secretsmanager.ListSecretsInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.ListSecretsOutput, error)
	DescribeSecret(ctx context.Context, in *secretsmanager.DescribeSecretInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.DescribeSecretOutput, error)
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
	CreateSecret(ctx context.Context, in *secretsmanager.CreateSecretInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.CreateSecretOutput, error)
	PutSecretValue(ctx context.Context, in *secretsmanager.PutSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.PutSecretValueOutput, error)
	UpdateSecretVersionStage(ctx context.Context, in *secretsmanager.UpdateSecretVersionStageInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.UpdateSecretVersionStageOutput, error)
	DeleteSecret(ctx context.Context, in *secretsmanager.DeleteSecretInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.DeleteSecretOutput, error)
	RotateSecret(ctx context.Context, in *secretsmanager.RotateSecretInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.RotateSecretOutput, error)
	GetRandomPassword(ctx context.Context, in *secretsmanager.GetRandomPasswordInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetRandomPasswordOutput, error)
}

// SNSAPI publishes the summary.
type SNSAPI interface {
	Publish(ctx context.Context, in *sns.PublishInput, opts ...func(*sns.Options)) (*sns.PublishOutput, error)
}

// Endpoints are the base URLs of the HTTP providers (tests aim them at
// httptest servers); the same set verification uses.
type Endpoints = endpoint.Set

// DefaultEndpoints are the public providers.
func DefaultEndpoints() Endpoints { return Endpoints{}.WithDefaults() }

// Deps are the clients and knobs rotators use. AWS clients are nil when no
// AWS configuration could be loaded; AWS rotators then fail with a clear error.
type Deps struct {
	IAM IAMAPI
	SM  SecretsAPI
	SNS SNSAPI
	// STS uses the caller's own credentials.
	STS STSAPI
	// NewSTS builds an STS client that signs with the given credentials
	// (to test a new access key).
	NewSTS func(creds aws.Credentials) STSAPI
	// HTTP is the client for provider APIs.
	HTTP      *http.Client
	Endpoints Endpoints
	// Now is the clock; Sleep waits (tests make it instant).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	// DeleteInactive lets the AWS rotator delete an inactive key to make
	// room; DeleteOld deletes the leaked key once the new one works;
	// Quarantine attaches a deny policy for high-risk actions.
	DeleteInactive, DeleteOld, Quarantine bool
	// StorePrefix prefixes the names of secrets remediate creates.
	StorePrefix string
	// VerifyTimeout bounds retries while a new credential propagates.
	VerifyTimeout time.Duration
	// RotationTimeout bounds the wait for a Lambda rotation.
	RotationTimeout time.Duration
	// PollInterval is the wait between checks.
	PollInterval time.Duration
	// Hasher makes the keyed hashes that name secrets in the audit log and
	// in the hash tags of Secrets Manager secrets; required.
	Hasher finding.Hasher
}

// NewAWSDeps fills the AWS clients of d from cfg.
func (d *Deps) NewAWSDeps(cfg aws.Config) {
	d.IAM = iam.NewFromConfig(cfg)
	d.SM = secretsmanager.NewFromConfig(cfg)
	d.SNS = sns.NewFromConfig(cfg)
	d.STS = sts.NewFromConfig(cfg)
	d.NewSTS = func(creds aws.Credentials) STSAPI { return credaws.NewSTS(cfg, creds) }
}

func (d *Deps) defaults() {
	if d.HTTP == nil {
		d.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	d.Endpoints = d.Endpoints.WithDefaults()
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Sleep == nil {
		d.Sleep = func(ctx context.Context, dur time.Duration) error {
			t := time.NewTimer(dur)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
				return nil
			}
		}
	}
	if d.StorePrefix == "" {
		d.StorePrefix = "secretsweep/"
	}
	if d.PollInterval == 0 {
		d.PollInterval = 2 * time.Second
	}
	if d.VerifyTimeout == 0 {
		d.VerifyTimeout = 60 * time.Second
	}
	if d.RotationTimeout == 0 {
		d.RotationTimeout = 5 * time.Minute
	}
}
