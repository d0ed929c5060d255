package verify

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/credential/credtest"
	"github.com/secretsweep/secretsweep/internal/credential/endpoint"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/testenv"
)

func awsPair() (finding.Finding, finding.Finding) {
	id := newFinding("aws-access-token", fakeAWSID)
	id.Line = "aws_access_key_id = " + fakeAWSID
	sec := newFinding("generic-api-key", fakeAWSSecret)
	sec.Line = "aws_secret_access_key = " + fakeAWSSecret
	sec.StartLine = 4
	return id, sec
}

func TestAWSVerifierMoto(t *testing.T) {
	testenv.StartMoto(t)
	e := endpoint.FromEnv(os.Getenv)
	if !strings.HasPrefix(e.AWS, "http://127.0.0.1:") {
		t.Fatalf("AWS endpoint %q does not come from AWS_ENDPOINT_URL", e.AWS)
	}
	v := awsVerifier{endpoint: e.AWS, region: e.AWSRegion, hc: http.DefaultClient}
	id, sec := awsPair()
	got := verifyOne(t, v, id, sec)
	if got.Status != StatusVerified || !strings.Contains(got.Reason, "arn:aws:") {
		t.Errorf("got %+v", got)
	}
	if strings.Contains(got.Reason, fakeAWSSecret) || strings.Contains(got.Reason, fakeAWSID) {
		t.Error("reason holds the key")
	}
}

// stsError answers like STS does for a bad key: HTTP 403 and an XML error.
func stsError(code, msg string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if !strings.Contains(string(body), "Action=GetCallerIdentity") {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		writeBody(w, http.StatusForbidden, "text/xml", `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>`+code+`</Code>
    <Message>`+msg+`</Message>
  </Error>
  <RequestId>4fa6d5d8-9d9b-4bbd-8c1c-9e1bFAKE0001</RequestId>
</ErrorResponse>
`)
	}
}

func TestAWSVerifierRejected(t *testing.T) {
	tests := []struct {
		name, code, msg    string
		wantStatus, reason string
		wantCalls          int
	}{
		{"unknown key", "InvalidClientTokenId", "The security token included in the request is invalid.", StatusInvalid, "InvalidClientTokenId", 1},
		{"wrong secret", "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.", StatusInvalid, "does not match", 2},
		{"throttled", "Throttling", "Rate exceeded", StatusUnknown, "Throttling", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := credtest.NewServer(t)
			p.Handle("POST /", stsError(tt.code, tt.msg)).Times(tt.wantCalls)
			v := awsVerifier{endpoint: p.URL, region: "us-east-1", hc: http.DefaultClient}
			id, sec := awsPair()
			other := newFinding("generic-api-key", "FAKEotherKEYexample/0123456789abcdefGHIJ"[:40])
			other.Line = "secret: " + other.Secret
			got := verifyOne(t, v, id, sec, other)
			if got.Status != tt.wantStatus || !strings.Contains(got.Reason, tt.reason) {
				t.Errorf("got %+v", got)
			}
			p.Verify(t) // the number of STS calls
			if !p.Saw("Credential=" + fakeAWSID + "/") {
				t.Error("STS calls were not signed with the key id")
			}
		})
	}
}

func TestAWSPairing(t *testing.T) {
	v := awsVerifier{}
	id, sec := awsPair()
	sha := newFinding("generic-api-key", "0123456789abcdef0123456789abcdef01234567")
	csv := newFinding("aws-access-token", fakeAWSID)
	csv.Line = "default," + fakeAWSID + "," + fakeAWSSecret
	inLine := newFinding("generic-api-key", "x")
	inLine.Line = `AWS_SECRET_ACCESS_KEY: "` + fakeAWSSecret + `"`
	secretRule := newFinding("aws-secret-access-key", fakeAWSSecret)
	tests := []struct {
		name    string
		f       finding.Finding
		peers   []finding.Finding
		wantID  string
		secrets []string
	}{
		{"peer finding", id, []finding.Finding{sec}, fakeAWSID, []string{fakeAWSSecret}},
		{"same line", csv, nil, fakeAWSID, []string{fakeAWSSecret}},
		{"peer line", id, []finding.Finding{inLine}, fakeAWSID, []string{fakeAWSSecret}},
		{"hex digest is no secret", id, []finding.Finding{sha}, fakeAWSID, nil},
		{"alone", id, nil, fakeAWSID, nil},
		{"secret finds key id", secretRule, []finding.Finding{id}, fakeAWSID, []string{fakeAWSSecret}},
		{"secret alone", secretRule, nil, "", []string{fakeAWSSecret}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotID, got := v.pair(Candidate{Finding: tt.f, Peers: tt.peers})
			if gotID != tt.wantID || strings.Join(got, ",") != strings.Join(tt.secrets, ",") {
				t.Errorf("pair = %q %q", gotID, got)
			}
		})
	}
	// Without a partner there is nothing to send.
	for _, f := range []finding.Finding{id, secretRule} {
		got := verifyOne(t, awsVerifier{endpoint: "http://127.0.0.1:1", region: "us-east-1", hc: http.DefaultClient}, f)
		if got.Status != StatusUnknown || !strings.Contains(got.Reason, "no ") {
			t.Errorf("%s alone: %+v", f.RuleID, got)
		}
	}
	asia := newFinding("aws-access-token", "ASIAFAKEEXAMPLE23456")
	if got := verifyOne(t, v, asia, sec); got.Status != StatusUnknown || !strings.Contains(got.Reason, "session token") {
		t.Errorf("ASIA: %+v", got)
	}
	if v.Match(newFinding("generic-api-key", fakeAWSSecret)) {
		t.Error("a 40-character secret of a non-AWS rule matched")
	}
}
