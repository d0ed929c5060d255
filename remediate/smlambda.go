package remediate

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// smLambdaRotator rotates a Secrets Manager secret that has a rotation
// Lambda: RotateSecret with RotateImmediately, then waits until the new
// version is AWSCURRENT.
type smLambdaRotator struct{ d *Deps }

func (r smLambdaRotator) Name() string { return "secretsmanager-lambda" }

func (r smLambdaRotator) Match(c *Candidate) bool { return c.SecretID != "" && c.RotationLambda != "" }

func (r smLambdaRotator) Plan(c *Candidate) Action {
	return Action{Kind: "rotate", Target: "secret " + c.SecretID, Steps: []string{
		"secretsmanager:RotateSecret RotateImmediately (Lambda " + c.RotationLambda + ")",
		"wait until the new version is AWSCURRENT",
	}}
}

func (r smLambdaRotator) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	target := "secret " + c.SecretID
	if r.d.SM == nil {
		return failed(target, errNoAWS)
	}
	if done, err := stillHolds(ctx, r.d, c, rec); err != nil {
		return failed(target, err)
	} else if !done {
		return Result{Status: StatusAlreadyDone, Target: target, Detail: "the secret no longer holds the leaked value"}
	}
	out, err := r.d.SM.RotateSecret(ctx, &secretsmanager.RotateSecretInput{
		SecretId: &c.SecretID, RotationLambdaARN: &c.RotationLambda, RotateImmediately: aws.Bool(true)})
	rec.Step("secretsmanager:RotateSecret", target, err)
	if err != nil {
		return failed(target, fmt.Errorf("rotation Lambda failed to start or run (the value is unchanged; see the Lambda's logs): %w", err))
	}
	version := aws.ToString(out.VersionId)
	deadline := r.d.Now().Add(r.d.RotationTimeout)
	for {
		desc, err := r.d.SM.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: &c.SecretID})
		if err != nil {
			rec.Step("secretsmanager:DescribeSecret", target, err)
			return failed(target, err)
		}
		if hasStage(desc.VersionIdsToStages[version], stageCurrent) {
			rec.Step("secretsmanager:DescribeSecret (rotation finished)", target, nil)
			return Result{Status: StatusDone, Target: target, Detail: "rotated by its Lambda; version " + version + " is AWSCURRENT"}
		}
		if !r.d.Now().Before(deadline) {
			err := fmt.Errorf("rotation did not finish within %s (version %s is not AWSCURRENT; see the Lambda's logs)", r.d.RotationTimeout, version)
			rec.Step("secretsmanager:DescribeSecret (waiting)", target, err)
			return failed(target, err)
		}
		if err := r.d.Sleep(ctx, r.d.PollInterval); err != nil {
			return failed(target, err)
		}
	}
}

// stillHolds reports whether the secret's AWSCURRENT value still is (or
// holds, as a JSON field) the leaked value.
func stillHolds(ctx context.Context, d *Deps, c *Candidate, rec Recorder) (bool, error) {
	out, err := d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &c.SecretID, VersionStage: aws.String(stageCurrent)})
	rec.Step("secretsmanager:GetSecretValue AWSCURRENT", "secret "+c.SecretID, err)
	if err != nil {
		return false, fmt.Errorf("read %s: %w", c.SecretID, err)
	}
	return holds(aws.ToString(out.SecretString), c.Secret), nil
}
