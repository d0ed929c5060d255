package remediate

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	credaws "github.com/secretsweep/secretsweep/internal/credential/aws"
)

// awsKeyRotator replaces a leaked IAM user access key: a new key is created,
// stored in Secrets Manager, tested with STS and only then is the leaked key
// deactivated, so the user always keeps one working key.
type awsKeyRotator struct{ d *Deps }

func (r awsKeyRotator) Name() string { return "aws-access-key" }

// Match takes IAM user key IDs; temporary and service keys are not IAM's
// to replace.
func (r awsKeyRotator) Match(c *Candidate) bool { return credaws.Rotatable(c.Secret) }

func (r awsKeyRotator) Plan(c *Candidate) Action {
	steps := []string{
		"iam:GetAccessKeyLastUsed to find the key's user",
		"iam:CreateAccessKey (stops if the user already has two keys" + r.inactiveNote() + ")",
		"secretsmanager: store the new pair in " + r.d.StorePrefix + "aws-iam/<user> (AWSPENDING)",
		"sts:GetCallerIdentity signed with the new key",
		"secretsmanager: move AWSCURRENT to the new pair (previous becomes AWSPREVIOUS)",
		"iam:UpdateAccessKey leaked key -> Inactive",
	}
	if r.d.Quarantine {
		steps = append(steps, "iam:PutUserPolicy "+quarantinePolicyName(c.Secret))
	}
	if r.d.DeleteOld {
		steps = append(steps, "iam:DeleteAccessKey leaked key")
	}
	return Action{Kind: "rotate", Target: "aws access key " + maskKeyID(c.Secret), Steps: steps}
}

func (r awsKeyRotator) inactiveNote() string {
	if r.d.DeleteInactive {
		return "; an inactive one is deleted first"
	}
	return ""
}

// storedKey is the JSON a rotated key is stored as.
type storedKey struct {
	AccessKeyId     string
	SecretAccessKey string
	UserName        string
	// RotatedFrom is the key this one replaced; it ties a resumed run to
	// the work of an earlier one.
	RotatedFrom string `json:",omitempty"`
}

func (r awsKeyRotator) Apply(ctx context.Context, c *Candidate, rec Recorder) Result {
	d := r.d
	leakedID := c.Secret
	target := "aws access key " + maskKeyID(leakedID)
	if d.IAM == nil || d.SM == nil || d.NewSTS == nil {
		return failed(target, errNoAWS)
	}
	lu, err := d.IAM.GetAccessKeyLastUsed(ctx, &iam.GetAccessKeyLastUsedInput{AccessKeyId: &leakedID})
	rec.Step("iam:GetAccessKeyLastUsed", target, err)
	if isNotFound(err) {
		return r.notHere(ctx, leakedID, target, rec)
	}
	if err != nil {
		return failed(target, fmt.Errorf("find the key's user: %w", err))
	}
	user := aws.ToString(lu.UserName)
	target = "iam user " + user + " key " + maskKeyID(leakedID)
	keys, err := d.IAM.ListAccessKeys(ctx, &iam.ListAccessKeysInput{UserName: &user})
	rec.Step("iam:ListAccessKeys", target, err)
	if err != nil {
		return failed(target, fmt.Errorf("list keys: %w", err))
	}
	var leaked *iamtypes.AccessKeyMetadata
	for i, k := range keys.AccessKeyMetadata {
		if aws.ToString(k.AccessKeyId) == leakedID {
			leaked = &keys.AccessKeyMetadata[i]
		}
	}
	if leaked == nil {
		return Result{Status: StatusAlreadyDone, Target: target, Detail: "the key no longer exists"}
	}
	store := keyStore{d: d, name: d.StorePrefix + "aws-iam/" + user, rec: rec}
	prev, err := store.find(ctx, leakedID)
	if err != nil {
		return failed(target, err)
	}
	active := func(id string) bool {
		for _, k := range keys.AccessKeyMetadata {
			if aws.ToString(k.AccessKeyId) == id {
				return k.Status == iamtypes.StatusTypeActive
			}
		}
		return false
	}
	if prev != nil && !active(prev.key.AccessKeyId) {
		prev = nil // an earlier run's key that is gone or disabled: start over
	}
	if leaked.Status != iamtypes.StatusTypeActive {
		res := Result{Status: StatusAlreadyDone, Target: target, Detail: "the leaked key is already inactive; no new key created"}
		if prev != nil && prev.stage == stageCurrent {
			res.Detail = fmt.Sprintf("rotated earlier: key %s in %s replaced it", maskKeyID(prev.key.AccessKeyId), store.name)
		}
		return r.finish(ctx, c, user, leakedID, res, rec)
	}

	resumed := prev != nil
	if prev == nil {
		if len(keys.AccessKeyMetadata) >= 2 {
			if res, ok := r.makeRoom(ctx, user, leakedID, target, keys.AccessKeyMetadata, rec); !ok {
				return res
			}
		}
		out, err := d.IAM.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: &user})
		rec.Step("iam:CreateAccessKey", "iam user "+user, err)
		if err != nil {
			return failed(target, fmt.Errorf("create access key: %w", err))
		}
		nk := storedKey{
			AccessKeyId:     aws.ToString(out.AccessKey.AccessKeyId),
			SecretAccessKey: aws.ToString(out.AccessKey.SecretAccessKey),
			UserName:        user,
			RotatedFrom:     leakedID,
		}
		prev, err = store.putPending(ctx, nk)
		if err != nil {
			r.deleteKey(ctx, user, nk.AccessKeyId, rec)
			return failed(target, fmt.Errorf("store the new key in %s (new key removed, leaked key untouched): %w", store.name, err))
		}
	}
	// Test the new key, also when resuming: an earlier run may have stopped
	// between storing and testing it.
	if err := r.verify(ctx, user, prev.key, rec); err != nil {
		r.deleteKey(ctx, user, prev.key.AccessKeyId, rec)
		store.discard(ctx, prev)
		return failed(target, fmt.Errorf("new key %s failed its test (removed; the leaked key is still active): %w", maskKeyID(prev.key.AccessKeyId), err))
	}
	if err := store.promote(ctx, prev); err != nil {
		return failed(target, fmt.Errorf("make the new key current in %s (the leaked key is still active; run again): %w", store.name, err))
	}
	_, err = d.IAM.UpdateAccessKey(ctx, &iam.UpdateAccessKeyInput{UserName: &user, AccessKeyId: &leakedID, Status: iamtypes.StatusTypeInactive})
	rec.Step("iam:UpdateAccessKey Inactive", target, err)
	if err != nil {
		return failed(target, fmt.Errorf("deactivate the leaked key (new key %s is stored and works; run again): %w", maskKeyID(prev.key.AccessKeyId), err))
	}
	detail := fmt.Sprintf("new key %s stored in %s (AWSCURRENT), leaked key deactivated", maskKeyID(prev.key.AccessKeyId), store.name)
	if resumed {
		detail += " (resumed an earlier run)"
	}
	return r.finish(ctx, c, user, leakedID, Result{Status: StatusDone, Target: target, Detail: detail}, rec)
}

// makeRoom handles a user that already has two keys: without
// --delete-inactive, or when the other key is active, it stops with guidance.
func (r awsKeyRotator) makeRoom(ctx context.Context, user, leakedID, target string, keys []iamtypes.AccessKeyMetadata, rec Recorder) (Result, bool) {
	for _, k := range keys {
		id := aws.ToString(k.AccessKeyId)
		if id == leakedID {
			continue
		}
		if k.Status == iamtypes.StatusTypeInactive && r.d.DeleteInactive {
			_, err := r.d.IAM.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: &user, AccessKeyId: &id})
			rec.Step("iam:DeleteAccessKey inactive", "iam user "+user+" key "+maskKeyID(id), err)
			if err != nil {
				return failed(target, fmt.Errorf("delete inactive key %s: %w", maskKeyID(id), err)), false
			}
			return Result{}, true
		}
		hint := "deactivate and delete the unused key, then run again"
		if k.Status == iamtypes.StatusTypeInactive {
			hint = "pass --delete-inactive to delete it, or delete it yourself, then run again"
		}
		return Result{Status: StatusBlocked, Target: target,
			Detail: fmt.Sprintf("user %s already has two access keys (the other, %s, is %s); %s", user, maskKeyID(id), k.Status, hint)}, false
	}
	return Result{}, true
}

func (r awsKeyRotator) deleteKey(ctx context.Context, user, id string, rec Recorder) {
	_, err := r.d.IAM.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: &user, AccessKeyId: &id})
	rec.Step("iam:DeleteAccessKey new (rollback)", "iam user "+user+" key "+maskKeyID(id), err)
}

// verify signs sts:GetCallerIdentity with the new key and checks the caller
// is the user. New IAM keys take a few seconds to work everywhere, so
// authentication errors are retried until VerifyTimeout.
func (r awsKeyRotator) verify(ctx context.Context, user string, k storedKey, rec Recorder) error {
	u, err := r.d.IAM.GetUser(ctx, &iam.GetUserInput{UserName: &user})
	rec.Step("iam:GetUser", "iam user "+user, err)
	if err != nil {
		return err
	}
	want := aws.ToString(u.User.Arn)
	client := r.d.NewSTS(aws.Credentials{AccessKeyID: k.AccessKeyId, SecretAccessKey: k.SecretAccessKey})
	deadline := r.d.Now().Add(r.d.VerifyTimeout)
	for {
		out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err == nil && aws.ToString(out.Arn) != want {
			err = fmt.Errorf("new key signs as %s, want %s", aws.ToString(out.Arn), want)
		}
		rec.Step("sts:GetCallerIdentity (new key)", "iam user "+user+" key "+maskKeyID(k.AccessKeyId), err)
		if err == nil {
			return nil
		}
		if !r.d.Now().Before(deadline) || ctx.Err() != nil {
			return err
		}
		if e := r.d.Sleep(ctx, r.d.PollInterval); e != nil {
			return err
		}
	}
}

// finish applies --quarantine and --delete-old once the user has a working
// key that is not the leaked one.
func (r awsKeyRotator) finish(ctx context.Context, c *Candidate, user, leakedID string, res Result, rec Recorder) Result {
	if r.d.Quarantine {
		doc, _ := json.Marshal(quarantinePolicy(leakedID))
		name := quarantinePolicyName(leakedID)
		_, err := r.d.IAM.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: &user, PolicyName: &name, PolicyDocument: aws.String(string(doc))})
		rec.Step("iam:PutUserPolicy "+name, "iam user "+user, err)
		if err != nil {
			return failed(res.Target, fmt.Errorf("quarantine: %w", err))
		}
		res.Detail += "; quarantine policy " + name + " attached"
	}
	if r.d.DeleteOld {
		_, err := r.d.IAM.DeleteAccessKey(ctx, &iam.DeleteAccessKeyInput{UserName: &user, AccessKeyId: &leakedID})
		rec.Step("iam:DeleteAccessKey leaked", res.Target, err)
		if err != nil && !isNotFound(err) {
			return failed(res.Target, fmt.Errorf("delete the leaked key: %w", err))
		}
		res.Detail += "; leaked key deleted"
	}
	return res
}

// quarantinePolicyName names the inline policy after the leaked key.
func quarantinePolicyName(keyID string) string {
	return "secretsweep-quarantine-" + strings.ToLower(keyID)
}

// quarantinePolicy denies the privilege-escalation and resource-creation
// actions AWS's own AWSCompromisedKeyQuarantine policies deny. IAM has no
// condition key naming the access key that signed a request, so an inline
// policy cannot single out the leaked key: it applies to the user, and is
// limited to actions a workload rarely needs so the new key keeps working.
func quarantinePolicy(keyID string) map[string]any {
	return map[string]any{
		"Version": "2012-10-17",
		"Statement": []map[string]any{{
			"Sid":    "SecretsweepQuarantine" + keyID,
			"Effect": "Deny",
			"Action": []string{
				"iam:AttachGroupPolicy", "iam:AttachRolePolicy", "iam:AttachUserPolicy",
				"iam:ChangePassword", "iam:CreateAccessKey", "iam:CreateInstanceProfile",
				"iam:CreateLoginProfile", "iam:CreateRole", "iam:CreateUser",
				"iam:DetachUserPolicy", "iam:PutUserPermissionsBoundary", "iam:PutUserPolicy",
				"iam:UpdateAccessKey", "iam:UpdateAccountPasswordPolicy", "iam:UpdateUser",
				"ec2:RequestSpotInstances", "ec2:RunInstances", "ec2:StartInstances",
				"lambda:CreateFunction", "lambda:UpdateFunctionCode",
				"organizations:CreateAccount", "organizations:InviteAccountToOrganization",
			},
			"Resource": "*",
		}},
	}
}

// notHere explains a key IAM does not know: deleted (nothing to do), or
// owned by another account (whose credentials are needed).
func (r awsKeyRotator) notHere(ctx context.Context, keyID, target string, rec Recorder) Result {
	gone := Result{Status: StatusAlreadyDone, Target: target, Detail: "the key no longer exists"}
	if r.d.STS == nil {
		return gone
	}
	info, err := r.d.STS.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: &keyID})
	rec.Step("sts:GetAccessKeyInfo", target, err)
	if err != nil {
		return failed(target, fmt.Errorf("IAM does not know the key and its account could not be found: %w", err))
	}
	me, err := r.d.STS.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	rec.Step("sts:GetCallerIdentity", "caller", err)
	if err != nil {
		return failed(target, err)
	}
	if owner := aws.ToString(info.Account); owner != "" && owner != aws.ToString(me.Account) {
		return Result{Status: StatusBlocked, Target: target,
			Detail: fmt.Sprintf("the key belongs to account %s, not %s: run again with credentials for that account", owner, aws.ToString(me.Account))}
	}
	return gone
}
