package remediate

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sampleSummary() *Summary {
	return &Summary{Mode: "apply", AuditLog: "repo/.secretsweep/audit.jsonl", Items: []Item{
		{Fingerprints: []string{"app/settings.py:aws-access-token:3"}, Rule: "aws-access-token", File: "app/settings.py", Line: 3,
			SecretHash: "a209bdd59c4d", Rotator: "aws-access-key", Status: StatusDone, Target: "iam user svc key AKIA…GJ67",
			Detail: "new key AKIA…ZIDN stored in secretsweep/aws-iam/svc (AWSCURRENT), leaked key deactivated"},
		{Fingerprints: []string{"0123456789ab:config.yml:stripe-access-token:9"}, Rule: "stripe-access-token", File: "config.yml", Line: 9,
			Commit: "0123456789abcdef", SecretHash: "5f0c1e2d3a4b", Rotator: "manual", Status: StatusManual, Target: "stripe-access-token 5f0c1e2d3a4b",
			Action: Action{Kind: "manual", Guide: "https://docs.stripe.com/keys#rolling-keys"}},
		{Fingerprints: []string{"ci.yml:gitlab-pat:4"}, Rule: "gitlab-pat", File: "ci.yml", Line: 4, SecretHash: "77aa00bb11cc",
			Rotator: "gitlab-token", Status: StatusFailed, Target: "gitlab token 77aa00bb11cc", Error: "DELETE /personal_access_tokens/self: HTTP 500 | retry"},
	}}
}

func TestWriteSummaryGolden(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSummary(&b, sampleSummary(), format); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "summary."+format+".golden")
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, b.String())
			}
		})
	}
	if err := WriteSummary(&bytes.Buffer{}, sampleSummary(), "xml"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestNotifySNS(t *testing.T) {
	e := startAWS(t)
	ctx := context.Background()
	snsc := sns.NewFromConfig(e.cfg)
	topic, err := snsc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("secretsweep-alerts")})
	if err != nil {
		t.Fatal(err)
	}
	// Subscribe a queue to read back what was published.
	sqsc := sqs.NewFromConfig(e.cfg)
	q, err := sqsc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("inbox")})
	if err != nil {
		t.Fatal(err)
	}
	attrs, err := sqsc.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snsc.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
		Endpoint: aws.String(attrs.Attributes["QueueArn"]), Attributes: map[string]string{"RawMessageDelivery": "true"}}); err != nil {
		t.Fatal(err)
	}
	if err := Notify(ctx, e.d.SNS, aws.ToString(topic.TopicArn), sampleSummary()); err != nil {
		t.Fatal(err)
	}
	msgs, err := sqsc.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs.Messages) != 1 || !strings.Contains(aws.ToString(msgs.Messages[0].Body), "1 done, 1 manual, 1 failed") {
		t.Fatalf("messages %+v", msgs.Messages)
	}
	if err := Notify(ctx, e.d.SNS, "arn:aws:sns:us-east-1:123456789012:missing", sampleSummary()); err == nil {
		t.Error("publishing to a missing topic succeeded")
	}
	if err := Notify(ctx, nil, "x", sampleSummary()); !errors.Is(err, errNoAWS) {
		t.Errorf("nil client: %v", err)
	}
}
