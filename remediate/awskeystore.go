package remediate

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
)

// Version stages.
const (
	stageCurrent  = "AWSCURRENT"
	stagePending  = "AWSPENDING"
	stagePrevious = "AWSPREVIOUS"
)

// keyStore keeps rotated keys in one secret per IAM user.
type keyStore struct {
	d       *Deps
	name    string
	rec     Recorder
	created bool // the secret was created in this run
}

type storedVersion struct {
	key   storedKey
	id    string
	stage string
}

// find returns the version (AWSPENDING first, then AWSCURRENT) holding a
// key that replaced leakedID, or nil.
func (s *keyStore) find(ctx context.Context, leakedID string) (*storedVersion, error) {
	for _, stage := range []string{stagePending, stageCurrent} {
		out, err := s.d.SM.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: &s.name, VersionStage: aws.String(stage)})
		if isNotFound(err) {
			continue
		}
		s.rec.Step("secretsmanager:GetSecretValue "+stage, s.name, err)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", s.name, err)
		}
		var k storedKey
		if json.Unmarshal([]byte(aws.ToString(out.SecretString)), &k) == nil && k.RotatedFrom == leakedID && k.AccessKeyId != "" {
			return &storedVersion{key: k, id: aws.ToString(out.VersionId), stage: stage}, nil
		}
	}
	return nil, nil
}

// putPending stores k as AWSPENDING, or as the first version of a new secret.
func (s *keyStore) putPending(ctx context.Context, k storedKey) (*storedVersion, error) {
	val, _ := json.Marshal(k)
	out, err := s.d.SM.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{
		SecretId: &s.name, SecretString: aws.String(string(val)), VersionStages: []string{stagePending},
	})
	if err == nil {
		s.rec.Step("secretsmanager:PutSecretValue AWSPENDING", s.name, nil)
		return &storedVersion{key: k, id: aws.ToString(out.VersionId), stage: stagePending}, nil
	}
	if !isNotFound(err) {
		s.rec.Step("secretsmanager:PutSecretValue AWSPENDING", s.name, err)
		return nil, err
	}
	// First rotation for this user: the secret's first version is
	// AWSCURRENT by definition, but nothing reads it before we verify.
	cs, err := s.d.SM.CreateSecret(ctx, &secretsmanager.CreateSecretInput{
		Name:         &s.name,
		Description:  aws.String("IAM access key of " + k.UserName + ", rotated by secretsweep remediate"),
		SecretString: aws.String(string(val)),
		Tags:         []smtypes.Tag{{Key: aws.String("secretsweep:managed-by"), Value: aws.String("remediate")}},
	})
	s.rec.Step("secretsmanager:CreateSecret", s.name, err)
	if err != nil {
		return nil, err
	}
	s.created = true
	return &storedVersion{key: k, id: aws.ToString(cs.VersionId), stage: stagePending}, nil
}

// promote moves AWSCURRENT to v (the old current becomes AWSPREVIOUS) and
// removes AWSPENDING.
func (s *keyStore) promote(ctx context.Context, v *storedVersion) error {
	desc, err := s.d.SM.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: &s.name})
	s.rec.Step("secretsmanager:DescribeSecret", s.name, err)
	if err != nil {
		return err
	}
	cur := versionWith(desc.VersionIdsToStages, stageCurrent)
	if cur != v.id {
		_, err = s.d.SM.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
			SecretId: &s.name, VersionStage: aws.String(stageCurrent), MoveToVersionId: &v.id, RemoveFromVersionId: optional(cur),
		})
		s.rec.Step("secretsmanager:UpdateSecretVersionStage AWSCURRENT", s.name, err)
		if err != nil {
			return err
		}
	}
	if hasStage(desc.VersionIdsToStages[v.id], stagePending) {
		_, err = s.d.SM.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
			SecretId: &s.name, VersionStage: aws.String(stagePending), RemoveFromVersionId: &v.id,
		})
		s.rec.Step("secretsmanager:UpdateSecretVersionStage -AWSPENDING", s.name, err)
		if err != nil {
			return err
		}
	}
	v.stage = stageCurrent
	return nil
}

// discard undoes putPending after a failed test.
func (s *keyStore) discard(ctx context.Context, v *storedVersion) {
	if !s.created && v.stage != stagePending {
		return // an earlier run's current version: leave it for inspection
	}
	if s.created {
		_, err := s.d.SM.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: &s.name, ForceDeleteWithoutRecovery: aws.Bool(true)})
		s.rec.Step("secretsmanager:DeleteSecret (rollback)", s.name, err)
		return
	}
	_, err := s.d.SM.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: &s.name, VersionStage: aws.String(stagePending), RemoveFromVersionId: &v.id,
	})
	s.rec.Step("secretsmanager:UpdateSecretVersionStage -AWSPENDING (rollback)", s.name, err)
}

func versionWith(m map[string][]string, stage string) string {
	for id, stages := range m {
		if hasStage(stages, stage) {
			return id
		}
	}
	return ""
}

func hasStage(stages []string, stage string) bool {
	for _, s := range stages {
		if s == stage {
			return true
		}
	}
	return false
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
