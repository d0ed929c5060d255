package migrate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// SecretsAPI is the part of the Secrets Manager client that migrate uses;
// *secretsmanager.Client satisfies it.
type SecretsAPI interface {
	CreateSecret(ctx context.Context, in *sm.CreateSecretInput, opts ...func(*sm.Options)) (*sm.CreateSecretOutput, error)
	PutSecretValue(ctx context.Context, in *sm.PutSecretValueInput, opts ...func(*sm.Options)) (*sm.PutSecretValueOutput, error)
	GetSecretValue(ctx context.Context, in *sm.GetSecretValueInput, opts ...func(*sm.Options)) (*sm.GetSecretValueOutput, error)
	// DescribeSecret, TagResource and UntagResource bring the hash tags of
	// a secret an earlier run created up to date (retag).
	DescribeSecret(ctx context.Context, in *sm.DescribeSecretInput, opts ...func(*sm.Options)) (*sm.DescribeSecretOutput, error)
	TagResource(ctx context.Context, in *sm.TagResourceInput, opts ...func(*sm.Options)) (*sm.TagResourceOutput, error)
	UntagResource(ctx context.Context, in *sm.UntagResourceInput, opts ...func(*sm.Options)) (*sm.UntagResourceOutput, error)
}

// StoreAction is what storing a secret did.
type StoreAction string

// Store outcomes.
const (
	ActionCreated     StoreAction = "created"
	ActionReused      StoreAction = "reused"      // existed with the same value
	ActionOverwritten StoreAction = "overwritten" // --overwrite: new AWSCURRENT version
)

// ErrConflict means a secret with the name exists with another value.
var ErrConflict = errors.New("exists with a different value")

// StoreOptions tune how secrets are created.
type StoreOptions struct {
	KMSKeyID       string
	ReplicaRegions []string
	Overwrite      bool
}

// storeResult is the outcome of storing one secret.
type storeResult struct {
	Action    StoreAction
	ARN       string
	VersionID string
}

// store makes sure s exists in Secrets Manager with its value: created
// with a content-derived ClientRequestToken, reused when it already holds
// the value (for a grouped secret: every key with the same value), or,
// with Overwrite, given a new version (the old one stays AWSPREVIOUS; for a
// grouped secret its other keys are kept). Otherwise ErrConflict. A secret
// that was there already gets its hash tags brought up to date (retag).
func store(ctx context.Context, api SecretsAPI, s *Secret, tags map[string]string, o StoreOptions, h finding.Hasher) (storeResult, error) {
	res, err := storeValue(ctx, api, s, tags, o, h)
	if err == nil && res.Action != ActionCreated {
		err = retag(ctx, api, s.Name, tags)
	}
	return res, err
}

func storeValue(ctx context.Context, api SecretsAPI, s *Secret, tags map[string]string, o StoreOptions, h finding.Hasher) (storeResult, error) {
	cur, err := api.GetSecretValue(ctx, &sm.GetSecretValueInput{SecretId: aws.String(s.Name)})
	var nf *smtypes.ResourceNotFoundException
	switch {
	case errors.As(err, &nf):
		return create(ctx, api, s, tags, o, h)
	case err != nil:
		return storeResult{}, fmt.Errorf("read secret %s: %w", s.Name, err)
	}
	existing := aws.ToString(cur.SecretString)
	if s.holds(existing) {
		return storeResult{Action: ActionReused, ARN: aws.ToString(cur.ARN), VersionID: aws.ToString(cur.VersionId)}, nil
	}
	if !o.Overwrite {
		return storeResult{}, fmt.Errorf("secret %s %w; pass --overwrite to store a new version (the old one stays AWSPREVIOUS)", s.Name, ErrConflict)
	}
	value := s.Value()
	if s.Grouped() {
		value = s.mergedInto(existing)
	}
	out, err := api.PutSecretValue(ctx, &sm.PutSecretValueInput{
		SecretId:           aws.String(s.Name),
		SecretString:       aws.String(value),
		ClientRequestToken: aws.String(ClientRequestToken(s.Name, h.Sum(value))),
	})
	if err != nil {
		return storeResult{}, fmt.Errorf("overwrite secret %s: %w", s.Name, err)
	}
	return storeResult{Action: ActionOverwritten, ARN: aws.ToString(out.ARN), VersionID: aws.ToString(out.VersionId)}, nil
}

func create(ctx context.Context, api SecretsAPI, s *Secret, tags map[string]string, o StoreOptions, h finding.Hasher) (storeResult, error) {
	value := s.Value()
	in := &sm.CreateSecretInput{
		Name:               aws.String(s.Name),
		SecretString:       aws.String(value),
		ClientRequestToken: aws.String(ClientRequestToken(s.Name, h.Sum(value))),
		Description:        aws.String("Moved out of source code by secretsweep migrate"),
	}
	if o.KMSKeyID != "" {
		in.KmsKeyId = aws.String(o.KMSKeyID)
	}
	for _, r := range o.ReplicaRegions {
		rr := smtypes.ReplicaRegionType{Region: aws.String(r)}
		if o.KMSKeyID != "" {
			rr.KmsKeyId = aws.String(o.KMSKeyID)
		}
		in.AddReplicaRegions = append(in.AddReplicaRegions, rr)
	}
	for _, k := range sortedKeys(tags) {
		in.Tags = append(in.Tags, smtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	out, err := api.CreateSecret(ctx, in)
	var exists *smtypes.ResourceExistsException
	if errors.As(err, &exists) {
		// Created by a concurrent or interrupted run between our read and
		// create: judge it by its value like any existing secret.
		return storeExisting(ctx, api, s, tags, o, h)
	}
	if err != nil {
		return storeResult{}, fmt.Errorf("create secret %s: %w", s.Name, err)
	}
	return storeResult{Action: ActionCreated, ARN: aws.ToString(out.ARN), VersionID: aws.ToString(out.VersionId)}, nil
}

// storeExisting re-runs store once a create found the name taken.
func storeExisting(ctx context.Context, api SecretsAPI, s *Secret, tags map[string]string, o StoreOptions, h finding.Hasher) (storeResult, error) {
	cur, err := api.GetSecretValue(ctx, &sm.GetSecretValueInput{SecretId: aws.String(s.Name)})
	if err != nil {
		return storeResult{}, fmt.Errorf("read secret %s: %w", s.Name, err)
	}
	if s.holds(aws.ToString(cur.SecretString)) {
		return storeResult{Action: ActionReused, ARN: aws.ToString(cur.ARN), VersionID: aws.ToString(cur.VersionId)}, nil
	}
	return storeValue(ctx, api, s, tags, o, h)
}

// isHashTag reports whether a tag key is one of the value hash tags migrate
// sets (keyed) or set before keyed hashes (plain).
func isHashTag(k string) bool {
	for _, t := range []string{finding.TagSecretHash, finding.TagLegacySHA256} {
		if k == t || strings.HasPrefix(k, t+":") {
			return true
		}
	}
	return k == finding.TagHashKeyID
}

// retag brings the hash tags of an existing secret that secretsweep
// created (tag tool=secretsweep) in line with tags: it removes hash tags it
// no longer wants, among them the plain SHA-256 tags written before keyed
// hashes, then sets the wanted ones. Other tags, and secrets secretsweep
// did not create, are left alone.
func retag(ctx context.Context, api SecretsAPI, name string, tags map[string]string) error {
	d, err := api.DescribeSecret(ctx, &sm.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		return fmt.Errorf("read the tags of secret %s: %w", name, err)
	}
	have := map[string]string{}
	for _, t := range d.Tags {
		have[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	if have["tool"] != "secretsweep" {
		return nil
	}
	var drop []string
	for _, k := range sortedKeys(have) {
		if _, keep := tags[k]; isHashTag(k) && !keep {
			drop = append(drop, k)
		}
	}
	var set []smtypes.Tag
	for _, k := range sortedKeys(tags) {
		if v, ok := have[k]; isHashTag(k) && (!ok || v != tags[k]) {
			set = append(set, smtypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
		}
	}
	// Removing first keeps the secret under AWS's limit of 50 tags.
	if len(drop) > 0 {
		if _, err := api.UntagResource(ctx, &sm.UntagResourceInput{SecretId: aws.String(name), TagKeys: drop}); err != nil {
			return fmt.Errorf("update the tags of secret %s: %w", name, err)
		}
	}
	if len(set) > 0 {
		if _, err := api.TagResource(ctx, &sm.TagResourceInput{SecretId: aws.String(name), Tags: set}); err != nil {
			return fmt.Errorf("update the tags of secret %s: %w", name, err)
		}
	}
	return nil
}

// verify reads the secret back and checks it holds the expected value(s).
func verify(ctx context.Context, api SecretsAPI, s *Secret) (string, error) {
	cur, err := api.GetSecretValue(ctx, &sm.GetSecretValueInput{SecretId: aws.String(s.Name)})
	if err != nil {
		return "", fmt.Errorf("read back secret %s: %w", s.Name, err)
	}
	if !s.holds(aws.ToString(cur.SecretString)) {
		return "", fmt.Errorf("read back secret %s: value differs from what was stored", s.Name)
	}
	return aws.ToString(cur.ARN), nil
}

// holds reports whether stored (a SecretString) serves s: equal for a plain
// secret; for a grouped one, a JSON object with every key of s at s's value.
func (s *Secret) holds(stored string) bool {
	if !s.Grouped() {
		return stored == s.Plain
	}
	var m map[string]any
	if json.Unmarshal([]byte(stored), &m) != nil {
		return false
	}
	for k, v := range s.Keys {
		if got, ok := m[k].(string); !ok || got != v {
			return false
		}
	}
	return true
}

// mergedInto returns existing's JSON keys updated with s's (s's value alone
// when existing is not a JSON object).
func (s *Secret) mergedInto(existing string) string {
	m := map[string]any{}
	if json.Unmarshal([]byte(existing), &m) != nil {
		m = map[string]any{}
	}
	for k, v := range s.Keys {
		m[k] = v
	}
	b, _ := json.Marshal(m)
	return string(b)
}
