package remediate

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// engine changes a credential on the service it opens, for the built-in
// rotation. One engine per credential shape (PostgreSQL today).
type engine interface {
	// name is shown in plans ("postgresql").
	name() string
	// accepts reports whether a secret value has the engine's shape.
	accepts(value string) bool
	// withPassword returns value with its password replaced.
	withPassword(value, password string) (string, error)
	// set makes the service accept pending, signing in with current.
	set(ctx context.Context, current, pending string) error
	// test signs in with value.
	test(ctx context.Context, value string) error
}

// engines is the explicit list of built-in rotation engines.
func engines() []engine { return []engine{postgresEngine{}} }

// smBuiltinRotator rotates a Secrets Manager secret without a rotation
// Lambda when an engine knows its shape.
type smBuiltinRotator struct{ d *Deps }

func (r smBuiltinRotator) Name() string { return "secretsmanager-builtin" }

func (r smBuiltinRotator) Match(c *Candidate) bool { return c.SecretID != "" && c.RotationLambda == "" }

func (r smBuiltinRotator) Plan(c *Candidate) Action {
	return Action{Kind: "rotate", Target: "secret " + c.SecretID, Steps: builtinSteps("the service")}
}

func builtinSteps(service string) []string {
	return []string{
		"clear a stale AWSPENDING version (or finish it when it already works)",
		"createSecret: GetRandomPassword, PutSecretValue AWSPENDING",
		"setSecret: change the password on " + service + " signing in with AWSCURRENT",
		"testSecret: sign in with AWSPENDING",
		"finishSecret: move AWSCURRENT to the new version (previous becomes AWSPREVIOUS)",
	}
}

func (r smBuiltinRotator) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	target := "secret " + c.SecretID
	if r.d.SM == nil {
		return failed(target, errNoAWS)
	}
	out, err := r.d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &c.SecretID, VersionStage: aws.String(stageCurrent)})
	rec.Step("secretsmanager:GetSecretValue AWSCURRENT", target, err)
	if err != nil {
		return failed(target, err)
	}
	cur := aws.ToString(out.SecretString)
	if !holds(cur, c.Secret) {
		return Result{Status: StatusAlreadyDone, Target: target, Detail: "the secret no longer holds the leaked value"}
	}
	for _, e := range engines() {
		if e.accepts(cur) {
			return rotateBuiltin(ctx, r.d, c.SecretID, e, rec)
		}
	}
	return Result{Status: StatusManual, Target: target, Guide: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda.html",
		Detail: "no built-in rotation for this secret's shape and no rotation Lambda: rotate it at its service, then PutSecretValue, or configure a rotation Lambda"}
}

// rotateBuiltin runs Secrets Manager's four rotation steps for secretID.
func rotateBuiltin(ctx context.Context, d *Deps, secretID string, e engine, rec Recorder) Result {
	target := "secret " + secretID
	desc, err := d.SM.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: &secretID})
	rec.Step("secretsmanager:DescribeSecret", target, err)
	if err != nil {
		return failed(target, err)
	}
	curID := versionWith(desc.VersionIdsToStages, stageCurrent)
	cur, err := d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &secretID, VersionId: &curID})
	if err != nil {
		rec.Step("secretsmanager:GetSecretValue AWSCURRENT", target, err)
		return failed(target, err)
	}
	current := aws.ToString(cur.SecretString)

	// A pending version from an interrupted rotation: finish it if the
	// service already accepts it, else clear it.
	if pendID := versionWith(desc.VersionIdsToStages, stagePending); pendID != "" && pendID != curID {
		pend, err := d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &secretID, VersionId: &pendID})
		if err == nil && e.accepts(aws.ToString(pend.SecretString)) && e.test(ctx, aws.ToString(pend.SecretString)) == nil {
			rec.Step("testSecret (pending from an earlier run works)", target, nil)
			if err := finishSecret(ctx, d, secretID, curID, pendID, rec); err != nil {
				return failed(target, err)
			}
			return Result{Status: StatusDone, Target: target, Detail: "finished an interrupted rotation; new version " + pendID + " is AWSCURRENT"}
		}
		_, err = d.SM.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
			SecretId: &secretID, VersionStage: aws.String(stagePending), RemoveFromVersionId: &pendID})
		rec.Step("secretsmanager:UpdateSecretVersionStage -AWSPENDING (stale)", target, err)
		if err != nil {
			return failed(target, fmt.Errorf("clear stale AWSPENDING: %w", err))
		}
	}

	// createSecret
	pw, err := d.SM.GetRandomPassword(ctx, &secretsmanager.GetRandomPasswordInput{
		PasswordLength: aws.Int64(32), ExcludeCharacters: aws.String(`"'\/@:?#%&[]{}()<>;,=` + "`"), RequireEachIncludedType: aws.Bool(true)})
	rec.Step("secretsmanager:GetRandomPassword", target, err)
	if err != nil {
		return failed(target, err)
	}
	pending, err := e.withPassword(current, aws.ToString(pw.RandomPassword))
	if err != nil {
		return failed(target, err)
	}
	token := requestToken()
	_, err = d.SM.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{
		SecretId: &secretID, ClientRequestToken: &token, SecretString: &pending, VersionStages: []string{stagePending}})
	rec.Step("createSecret: secretsmanager:PutSecretValue AWSPENDING", target, err)
	if err != nil {
		return failed(target, err)
	}
	// setSecret
	err = e.set(ctx, current, pending)
	rec.Step("setSecret: "+e.name(), target, err)
	if err != nil {
		_, cerr := d.SM.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
			SecretId: &secretID, VersionStage: aws.String(stagePending), RemoveFromVersionId: &token})
		rec.Step("secretsmanager:UpdateSecretVersionStage -AWSPENDING (rollback)", target, cerr)
		return failed(target, fmt.Errorf("setSecret on %s (the password is unchanged): %w", e.name(), err))
	}
	// testSecret
	err = e.test(ctx, pending)
	rec.Step("testSecret: "+e.name(), target, err)
	if err != nil {
		return failed(target, fmt.Errorf("testSecret: the new password was set but sign-in fails; AWSPENDING is kept for inspection and a re-run: %w", err))
	}
	if err := finishSecret(ctx, d, secretID, curID, token, rec); err != nil {
		return failed(target, err)
	}
	return Result{Status: StatusDone, Target: target, Detail: fmt.Sprintf("new %s password set, tested and stored as AWSCURRENT in %s", e.name(), secretID)}
}

// finishSecret moves AWSCURRENT to newID and removes its AWSPENDING label.
func finishSecret(ctx context.Context, d *Deps, secretID, curID, newID string, rec Recorder) error {
	_, err := d.SM.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: &secretID, VersionStage: aws.String(stageCurrent), MoveToVersionId: &newID, RemoveFromVersionId: optional(curID)})
	rec.Step("finishSecret: secretsmanager:UpdateSecretVersionStage AWSCURRENT", "secret "+secretID, err)
	if err != nil {
		return fmt.Errorf("finishSecret: %w", err)
	}
	_, err = d.SM.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: &secretID, VersionStage: aws.String(stagePending), RemoveFromVersionId: &newID})
	rec.Step("finishSecret: secretsmanager:UpdateSecretVersionStage -AWSPENDING", "secret "+secretID, err)
	if err != nil {
		return fmt.Errorf("finishSecret: %w", err)
	}
	return nil
}

// requestToken returns a fresh ClientRequestToken (a random UUID v4).
func requestToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
