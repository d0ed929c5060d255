package migrate

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func TestEstimateCost(t *testing.T) {
	for _, tc := range []struct {
		secrets, replicas, calls int
		want                     float64
	}{
		{0, 0, 10000, 0},
		{1, 0, 10000, 0.45},
		{5, 0, 10000, 2.25},
		{5, 1, 10000, 4.25}, // replicas are billed as secrets
		{2, 0, 0, 0.80},
		{3, 0, 100000, 1.20 + 1.50},
	} {
		c := EstimateCost(tc.secrets, tc.replicas, tc.calls)
		if math.Abs(c.TotalUSD-tc.want) > 1e-9 {
			t.Errorf("%+v: total %.4f, want %.4f", tc, c.TotalUSD, tc.want)
		}
	}
	var b bytes.Buffer
	EstimateCost(2, 0, 10000).Write(&b)
	if !strings.Contains(b.String(), "$0.90") || !strings.Contains(b.String(), "assumes 10000 GetSecretValue calls") {
		t.Errorf("cost text lacks total or assumption:\n%s", b.String())
	}
}

func TestReadPolicy(t *testing.T) {
	p := ReadPolicy([]SecretRef{
		{Name: "payments/A"},
		{Name: "payments/B", ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/B-AbCdEf"},
	}, []string{"us-east-1", "eu-west-1"}, "123456789012", "arn:aws:kms:us-east-1:123456789012:key/k")
	want := []string{
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments/A-??????",
		"arn:aws:secretsmanager:eu-west-1:123456789012:secret:payments/B-AbCdEf",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/A-??????",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/B-AbCdEf",
	}
	st := p.Statement[0]
	if strings.Join(st.Action, ",") != "secretsmanager:GetSecretValue" || strings.Join(st.Resource, ",") != strings.Join(want, ",") {
		t.Errorf("statement = %+v", st)
	}
	if len(p.Statement) != 2 || p.Statement[1].Action[0] != "kms:Decrypt" {
		t.Errorf("no kms:Decrypt statement: %+v", p.Statement)
	}
	var back PolicyDocument
	if err := json.Unmarshal([]byte(p.JSON()), &back); err != nil || back.Version != "2012-10-17" {
		t.Errorf("policy JSON does not round-trip: %v", err)
	}
	if got := ReadPolicy([]SecretRef{{Name: "x"}}, []string{""}, "", "").Statement[0].Resource[0]; got != "arn:aws:secretsmanager:*:*:secret:x-??????" {
		t.Errorf("unknown region/account: %s", got)
	}
}
