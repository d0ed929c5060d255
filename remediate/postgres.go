package remediate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/secretsweep/secretsweep/internal/credential/postgres"
	"github.com/secretsweep/secretsweep/internal/finding"
)

// postgresRotator rotates the password of a PostgreSQL URL found in code:
// the credential is put in Secrets Manager (RDS shape) unless a secret
// already holds it, then rotated with the built-in four steps, so the new
// password lives only in Secrets Manager.
type postgresRotator struct{ d *Deps }

func (r postgresRotator) Name() string { return "postgresql" }

// creds returns the PostgreSQL credential whose password is the secret,
// from the secret itself or the source lines around it.
func (r postgresRotator) creds(c *Candidate) (postgres.Creds, bool) {
	return postgres.Find(c.Secret, c.Secret, c.Context)
}

func (r postgresRotator) Match(c *Candidate) bool {
	_, ok := r.creds(c)
	return ok
}

func (r postgresRotator) secretName(pc postgres.Creds) string {
	return r.d.StorePrefix + "postgres/" + smNameRe.ReplaceAllString(pc.Host, "_") + "-" + strconv.Itoa(pc.Port) + "/" + smNameRe.ReplaceAllString(pc.Username, "_")
}

// smNameRe matches characters Secrets Manager names do not allow.
var smNameRe = regexp.MustCompile(`[^A-Za-z0-9/_+=.@-]`)

func (r postgresRotator) Plan(c *Candidate) Action {
	pc, _ := r.creds(c)
	name := c.SecretID
	if name == "" {
		name = r.secretName(pc)
	}
	steps := append([]string{"store the current credential in " + name + " (RDS shape) unless a secret holds it"},
		builtinSteps(fmt.Sprintf("%s (ALTER ROLE %s)", pc.Addr(), pc.Username))...)
	steps = append(steps, "read the password from "+name+" in the code (secretsweep migrate)")
	return Action{Kind: "rotate", Target: fmt.Sprintf("postgresql role %s on %s", pc.Username, pc.Addr()), Steps: steps}
}

func (r postgresRotator) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	pc, _ := r.creds(c)
	target := fmt.Sprintf("postgresql role %s on %s", pc.Username, pc.Addr())
	if r.d.SM == nil {
		return failed(target, errNoAWS)
	}
	name := c.SecretID
	if name == "" {
		name = r.secretName(pc)
	}
	out, err := r.d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &name, VersionStage: aws.String(stageCurrent)})
	switch {
	case isNotFound(err):
		val, _ := json.Marshal(pc)
		_, err = r.d.SM.CreateSecret(ctx, &secretsmanager.CreateSecretInput{
			Name:         &name,
			Description:  aws.String(fmt.Sprintf("PostgreSQL role %s on %s, rotated by secretsweep remediate", pc.Username, pc.Addr())),
			SecretString: aws.String(string(val)),
			Tags: []smtypes.Tag{{Key: aws.String(finding.TagSecretHash), Value: aws.String(r.d.Hasher.Sum(pc.Password))},
				{Key: aws.String(finding.TagHashKeyID), Value: aws.String(r.d.Hasher.KeyID())},
				{Key: aws.String("secretsweep:managed-by"), Value: aws.String("remediate")}},
		})
		rec.Step("secretsmanager:CreateSecret (current credential)", name, err)
		if err != nil {
			return failed(target, err)
		}
	case err != nil:
		rec.Step("secretsmanager:GetSecretValue", name, err)
		return failed(target, err)
	default:
		cur, ok := postgres.ParseValue(aws.ToString(out.SecretString))
		if !ok {
			return failed(target, fmt.Errorf("secret %s does not hold a PostgreSQL credential", name))
		}
		if cur.Password != pc.Password {
			if err := (postgresEngine{}).test(ctx, aws.ToString(out.SecretString)); err == nil {
				rec.Step("testSecret: postgresql (AWSCURRENT works)", name, nil)
				return Result{Status: StatusAlreadyDone, Target: target, Detail: "rotated earlier: " + name + " holds a different, working password"}
			}
			return failed(target, fmt.Errorf("secret %s holds a different password that does not sign in; fix it by hand", name))
		}
	}
	res := rotateBuiltin(ctx, r.d, name, postgresEngine{}, rec)
	res.Target = target
	if res.Status == StatusDone {
		res.Detail += "; change the code to read " + name
	}
	return res
}

// postgresEngine is the built-in rotation engine for PostgreSQL secret
// values (RDS-shaped JSON or a URL).
type postgresEngine struct{}

func (postgresEngine) name() string { return "postgresql" }

func (postgresEngine) accepts(v string) bool { _, ok := postgres.ParseValue(v); return ok }

func (postgresEngine) withPassword(v, password string) (string, error) {
	return postgres.WithPassword(v, password)
}

func (postgresEngine) set(ctx context.Context, current, pending string) error {
	cur, ok := postgres.ParseValue(current)
	next, ok2 := postgres.ParseValue(pending)
	if !ok || !ok2 {
		return errors.New("not a PostgreSQL credential")
	}
	return postgres.SetPassword(ctx, cur, next)
}

func (postgresEngine) test(ctx context.Context, v string) error {
	c, ok := postgres.ParseValue(v)
	if !ok {
		return errors.New("not a PostgreSQL credential")
	}
	return postgres.Test(ctx, c)
}
