package remediate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// failingSTS wraps the real STS client; its GetCallerIdentity fails as AWS
// does for a key that does not work.
type failingSTS struct{ STSAPI }

func (failingSTS) GetCallerIdentity(context.Context, *sts.GetCallerIdentityInput, ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	return nil, errors.New("InvalidClientTokenId: The security token included in the request is invalid")
}

// otherAccountSTS wraps the real STS client; GetAccessKeyInfo answers as
// AWS does for a key of another account (moto knows only its own).
type otherAccountSTS struct{ STSAPI }

func (otherAccountSTS) GetAccessKeyInfo(context.Context, *sts.GetAccessKeyInfoInput, ...func(*sts.Options)) (*sts.GetAccessKeyInfoOutput, error) {
	return &sts.GetAccessKeyInfoOutput{Account: aws.String("210987654321")}, nil
}

func (e *awsEnv) stored(t *testing.T, user string) (storedKey, []string) {
	t.Helper()
	out, err := e.sm.GetSecretValue(context.Background(), &secretsmanager.GetSecretValueInput{SecretId: aws.String("secretsweep/aws-iam/" + user)})
	if err != nil {
		t.Fatalf("stored key of %s: %v", user, err)
	}
	var k storedKey
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &k); err != nil {
		t.Fatal(err)
	}
	return k, out.VersionStages
}

func TestAWSKeyRotator(t *testing.T) {
	e := startAWS(t)
	ctx := context.Background()

	t.Run("rotates, stores, verifies, then deactivates", func(t *testing.T) {
		leaked := e.userWithKey(t, "app1")
		rec := &memRec{}
		res := awsKeyRotator{e.d}.Apply(ctx, candidate("aws-access-token", leaked), rec)
		if res.Status != StatusDone {
			t.Fatalf("status %s: %v %s", res.Status, res.Err, res.Detail)
		}
		keys := e.keys(t, "app1")
		if len(keys) != 2 || keys[leaked] != "Inactive" {
			t.Fatalf("keys %v", keys)
		}
		k, stages := e.stored(t, "app1")
		if keys[k.AccessKeyId] != "Active" || k.SecretAccessKey == "" || k.RotatedFrom != leaked {
			t.Fatalf("stored %+v, keys %v", k.AccessKeyId, keys)
		}
		if !hasStage(stages, stageCurrent) {
			t.Fatalf("stages %v", stages)
		}
		create, verify, deact := rec.index("iam:CreateAccessKey"), rec.index("sts:GetCallerIdentity"), rec.index("iam:UpdateAccessKey")
		if !(create >= 0 && create < verify && verify < deact) {
			t.Fatalf("order wrong: %v", rec.steps)
		}
		if strings.Contains(strings.Join(rec.steps, " "), leaked) {
			t.Fatal("a step names the leaked key in full")
		}
	})

	t.Run("second rotation keeps the previous pair as AWSPREVIOUS", func(t *testing.T) {
		leaked := e.userWithKey(t, "app8")
		if res := (awsKeyRotator{e.d}).Apply(ctx, candidate("aws-access-token", leaked), &memRec{}); res.Status != StatusDone {
			t.Fatalf("first rotation: %s %v", res.Status, res.Err)
		}
		first, _ := e.stored(t, "app8")
		res := awsKeyRotator{e.d}.Apply(ctx, candidate("aws-access-token", first.AccessKeyId), &memRec{})
		// app8 has two keys (the first leaked one is inactive): blocked without --delete-inactive.
		if res.Status != StatusBlocked || !strings.Contains(res.Detail, "--delete-inactive") {
			t.Fatalf("status %s: %s", res.Status, res.Detail)
		}
		d := *e.d
		d.DeleteInactive = true
		res = awsKeyRotator{&d}.Apply(ctx, candidate("aws-access-token", first.AccessKeyId), &memRec{})
		if res.Status != StatusDone {
			t.Fatalf("status %s: %v", res.Status, res.Err)
		}
		prev, err := e.sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("secretsweep/aws-iam/app8"), VersionStage: aws.String(stagePrevious)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(aws.ToString(prev.SecretString), first.AccessKeyId) {
			t.Fatal("AWSPREVIOUS does not hold the previous pair")
		}
		if _, stages := e.stored(t, "app8"); hasStage(stages, stagePending) {
			t.Fatalf("AWSPENDING left on current: %v", stages)
		}
	})

	t.Run("new key fails its test: old stays active, new removed", func(t *testing.T) {
		leaked := e.userWithKey(t, "app2")
		d := *e.d
		real := d.NewSTS
		d.NewSTS = func(c aws.Credentials) STSAPI { return failingSTS{real(c)} }
		rec := &memRec{}
		res := awsKeyRotator{&d}.Apply(ctx, candidate("aws-access-token", leaked), rec)
		if res.Status != StatusFailed || !strings.Contains(res.Err.Error(), "failed its test") {
			t.Fatalf("status %s: %v", res.Status, res.Err)
		}
		if keys := e.keys(t, "app2"); len(keys) != 1 || keys[leaked] != "Active" {
			t.Fatalf("keys %v", keys)
		}
		if _, err := e.sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String("secretsweep/aws-iam/app2")}); !isNotFound(err) {
			t.Fatalf("secret created in the failed run was kept: %v", err)
		}
		if rec.has("iam:UpdateAccessKey") {
			t.Fatal("leaked key touched")
		}
	})

	t.Run("new key fails its test with an existing secret: AWSPENDING removed", func(t *testing.T) {
		leaked := e.userWithKey(t, "app7")
		d := *e.d
		d.DeleteInactive = true
		if res := (awsKeyRotator{&d}).Apply(ctx, candidate("aws-access-token", leaked), &memRec{}); res.Status != StatusDone {
			t.Fatalf("first rotation: %s %v", res.Status, res.Err)
		}
		first, _ := e.stored(t, "app7")
		real := d.NewSTS
		d.NewSTS = func(c aws.Credentials) STSAPI { return failingSTS{real(c)} }
		res := awsKeyRotator{&d}.Apply(ctx, candidate("aws-access-token", first.AccessKeyId), &memRec{})
		if res.Status != StatusFailed {
			t.Fatalf("status %s", res.Status)
		}
		cur, stages := e.stored(t, "app7")
		if cur.AccessKeyId != first.AccessKeyId || !hasStage(stages, stageCurrent) {
			t.Fatal("AWSCURRENT moved to a key that failed its test")
		}
		for _, st := range e.stages(t, "secretsweep/aws-iam/app7") {
			if hasStage(st, stagePending) {
				t.Fatal("AWSPENDING left after the failed test")
			}
		}
		if keys := e.keys(t, "app7"); len(keys) != 1 || keys[first.AccessKeyId] != "Active" {
			t.Fatalf("keys %v", keys)
		}
	})

	t.Run("key already deactivated", func(t *testing.T) {
		leaked := e.userWithKey(t, "app3")
		e.setStatus(t, "app3", leaked, iamtypes.StatusTypeInactive)
		rec := &memRec{}
		res := awsKeyRotator{e.d}.Apply(ctx, candidate("aws-access-token", leaked), rec)
		if res.Status != StatusAlreadyDone || rec.has("iam:CreateAccessKey") {
			t.Fatalf("status %s, steps %v", res.Status, rec.steps)
		}
	})

	t.Run("two keys, the other active: blocked with guidance", func(t *testing.T) {
		leaked := e.userWithKey(t, "app4")
		e.addKey(t, "app4")
		d := *e.d
		d.DeleteInactive = true // never deletes an active key
		res := awsKeyRotator{&d}.Apply(ctx, candidate("aws-access-token", leaked), &memRec{})
		if res.Status != StatusBlocked || !strings.Contains(res.Detail, "two access keys") {
			t.Fatalf("status %s: %s", res.Status, res.Detail)
		}
		for id, st := range e.keys(t, "app4") {
			if st != "Active" {
				t.Fatalf("key %s changed to %s", maskKeyID(id), st)
			}
		}
	})

	t.Run("unknown key", func(t *testing.T) {
		res := awsKeyRotator{e.d}.Apply(ctx, candidate("aws-access-token", "AKIAFAKEEXAMPLE23456"), &memRec{})
		if res.Status != StatusAlreadyDone {
			t.Fatalf("status %s: %v", res.Status, res.Err)
		}
		d := *e.d
		d.STS = otherAccountSTS{e.d.STS}
		res = awsKeyRotator{&d}.Apply(ctx, candidate("aws-access-token", "AKIAFAKEEXAMPLE23456"), &memRec{})
		if res.Status != StatusBlocked || !strings.Contains(res.Detail, "210987654321") {
			t.Fatalf("other account: %s %s", res.Status, res.Detail)
		}
	})

	t.Run("resumes after a failed deactivation without a second key", func(t *testing.T) {
		leaked := e.userWithKey(t, "app5")
		d := *e.d
		d.IAM = failingIAM{IAMAPI: e.d.IAM, fail: map[string]error{"UpdateAccessKey": errors.New("ServiceUnavailable")}}
		res := awsKeyRotator{&d}.Apply(ctx, candidate("aws-access-token", leaked), &memRec{})
		if res.Status != StatusFailed {
			t.Fatalf("first run: %s", res.Status)
		}
		rec := &memRec{}
		res = awsKeyRotator{e.d}.Apply(ctx, candidate("aws-access-token", leaked), rec)
		if res.Status != StatusDone || rec.has("iam:CreateAccessKey") || !strings.Contains(res.Detail, "resumed") {
			t.Fatalf("second run: %s %v %v", res.Status, res.Err, rec.steps)
		}
		keys := e.keys(t, "app5")
		if len(keys) != 2 || keys[leaked] != "Inactive" {
			t.Fatalf("keys %v", keys)
		}
		res = awsKeyRotator{e.d}.Apply(ctx, candidate("aws-access-token", leaked), &memRec{})
		if res.Status != StatusAlreadyDone {
			t.Fatalf("third run: %s", res.Status)
		}
	})

	t.Run("quarantine and delete-old", func(t *testing.T) {
		leaked := e.userWithKey(t, "app6")
		d := *e.d
		d.Quarantine, d.DeleteOld = true, true
		res := awsKeyRotator{&d}.Apply(ctx, candidate("aws-access-token", leaked), &memRec{})
		if res.Status != StatusDone {
			t.Fatalf("status %s: %v", res.Status, res.Err)
		}
		keys := e.keys(t, "app6")
		if _, ok := keys[leaked]; ok || len(keys) != 1 {
			t.Fatalf("keys %v", keys)
		}
		pol, err := e.iam.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String("app6"), PolicyName: aws.String(quarantinePolicyName(leaked))})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(aws.ToString(pol.PolicyDocument), "Deny") {
			t.Fatalf("policy %s", aws.ToString(pol.PolicyDocument))
		}
	})
}

// throttler fails the first CreateAccessKey request with IAM's Throttling
// error, below the SDK's retryer, which must back off and retry it.
type throttler struct {
	base     http.RoundTripper
	creates  atomic.Int32
	throttle int32
}

func (th *throttler) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		body, _ := io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
		if strings.Contains(string(body), "Action=CreateAccessKey") && th.creates.Add(1) <= th.throttle {
			return &http.Response{StatusCode: 400, Header: http.Header{"Content-Type": {"text/xml"}}, Request: req,
				Body: io.NopCloser(strings.NewReader(`<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>1</RequestId></ErrorResponse>`))}, nil
		}
	}
	return th.base.RoundTrip(req)
}

func TestAWSKeyRotatorRetriesThrottling(t *testing.T) {
	e := startAWS(t)
	leaked := e.userWithKey(t, "throttled")
	th := &throttler{base: http.DefaultTransport, throttle: 2}
	cfg := e.cfg.Copy()
	cfg.HTTPClient = &http.Client{Transport: th}
	d := *e.d
	d.NewAWSDeps(cfg)
	res := awsKeyRotator{&d}.Apply(context.Background(), candidate("aws-access-token", leaked), &memRec{})
	if res.Status != StatusDone {
		t.Fatalf("status %s: %v", res.Status, res.Err)
	}
	if n := th.creates.Load(); n != 3 {
		t.Fatalf("CreateAccessKey sent %d times, want 3 (two throttled)", n)
	}
	if keys := e.keys(t, "throttled"); len(keys) != 2 {
		t.Fatalf("keys %v: a throttled call created a key", keys)
	}
}
