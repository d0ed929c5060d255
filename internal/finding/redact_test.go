package finding

import (
	"strings"
	"testing"
)

// Fake credentials, valid in shape only.
const (
	fakePAT       = "ghp_FAKEb7Nc2Wq9Lm4Xz8Tv3Rk6Pj1Hy5Gd0Fs2"
	fakeKeyID     = "AKIAFAKE2Q4L7MZ3XV6R"
	fakeAWSSecret = "Jx8fK2mQ9vLp3RtY7wZb1NcH5sDg4AeU6oIk0Tq3"
	fakePEM       = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEAFAKEq3Xz9Lm2Qv7Rt4Wz8Kp3Nb6Yc1Hd5Jg0Sa7Tb2Vn4Mx8Pk\n" +
		"Zr6Wq1Ls5Dh9Gf3Cj7Bv2Nx4Mp8Kt6Ry0Ue3Io5Pa9Sd1Fg7Hj2Kl4Zx6Cv8Bn0Mq\n-----END RSA PRIVATE KEY-----"
)

// leaked returns the first 12-byte piece of secret that text holds, or "".
func leaked(text, secret string) string {
	for i := 0; i+12 <= len(secret); i++ {
		if strings.Contains(text, secret[i:i+12]) {
			return secret[i : i+12]
		}
	}
	return ""
}

// quoted returns every field of f that quotes scanned text.
func quoted(f *Finding) map[string]string {
	m := map[string]string{"Match": f.Match, "Line": f.Line, "Secret": f.Secret,
		"Message": f.Message, "Author": f.Author, "Email": f.Email}
	for k, v := range f.Extra {
		m["Extra."+k] = v
	}
	if f.Verification != nil {
		m["Verification.Reason"] = f.Verification.Reason
	}
	return m
}

func TestRedactAllCoversEverySecretInEveryField(t *testing.T) {
	for _, tc := range []struct {
		name     string
		findings []Finding
		secrets  []string // none of them, nor a 12-byte piece, may remain
		want     map[int]map[string]string
	}{
		{
			name: "another finding's secret in the match",
			findings: []Finding{
				{RuleID: "curl-auth-user", Secret: "Wm4tQ8vLz2pRk9", Match: `curl -H "X-Api: ` + fakePAT + `" -u deploy:Wm4tQ8vLz2pRk9`,
					Line: `curl -H "X-Api: ` + fakePAT + `" -u deploy:Wm4tQ8vLz2pRk9 https://api.internal.net`},
				{RuleID: "github-pat", Secret: fakePAT, Match: fakePAT},
			},
			secrets: []string{fakePAT, "Wm4tQ8vLz2pRk9"},
			want:    map[int]map[string]string{0: {"Match": `curl -H "X-Api: REDACTED" -u deploy:REDACTED`}},
		},
		{
			name: "key id beside its secret",
			findings: []Finding{
				{RuleID: "aws-secret-access-key", Secret: fakeAWSSecret, Match: fakeKeyID + ":" + fakeAWSSecret + `"`},
				{RuleID: "aws-access-token", Secret: fakeKeyID, Match: fakeKeyID},
			},
			secrets: []string{fakeKeyID, fakeAWSSecret},
			want:    map[int]map[string]string{0: {"Match": `REDACTED:REDACTED"`}},
		},
		{
			name: "commit message, author and email",
			findings: []Finding{{RuleID: "github-pat", Secret: fakePAT, Match: fakePAT, Commit: "abc",
				Message: "Add " + fakePAT + " for CI", Author: "bot " + fakePAT, Email: fakePAT + "@example.com"}},
			secrets: []string{fakePAT},
			want:    map[int]map[string]string{0: {"Message": "Add REDACTED for CI", "Author": "bot REDACTED", "Email": "REDACTED@example.com"}},
		},
		{
			name: "a secret in another finding's commit message",
			findings: []Finding{
				{RuleID: "generic-api-key", Secret: "Qz7Lm2Xv9Tw4Pb8N", Match: "key=Qz7Lm2Xv9Tw4Pb8N", Message: "rotate " + fakeKeyID},
				{RuleID: "aws-access-token", Secret: fakeKeyID, Match: fakeKeyID, File: "(commit message)"},
			},
			secrets: []string{fakeKeyID, "Qz7Lm2Xv9Tw4Pb8N"},
			want:    map[int]map[string]string{0: {"Message": "rotate REDACTED", "Match": "key=REDACTED"}},
		},
		{
			name: "overlapping secrets: the longer one is removed whole",
			findings: []Finding{
				{RuleID: "a", Secret: "Zq8Lm2Xv9Tw4", Match: "t=Zq8Lm2Xv9Tw4Pb8Nc3Yh6Jd1"},
				{RuleID: "b", Secret: "Zq8Lm2Xv9Tw4Pb8Nc3Yh6Jd1", Match: "Zq8Lm2Xv9Tw4Pb8Nc3Yh6Jd1"},
			},
			secrets: []string{"Zq8Lm2Xv9Tw4Pb8Nc3Yh6Jd1"},
			want:    map[int]map[string]string{0: {"Match": "t=REDACTED"}},
		},
		{
			name: "a match cut in the middle of another secret",
			findings: []Finding{
				// The match of one rule ends half-way into the token
				// another rule found, and the next one starts there.
				{RuleID: "a", Secret: "Hq7vL2mXz9Kr", Match: "pass=Hq7vL2mXz9Kr;tok=" + fakePAT[:20]},
				{RuleID: "b", Secret: "Pz8kQ2mLv7Xr", Match: fakePAT[20:] + ";pw=Pz8kQ2mLv7Xr"},
				{RuleID: "github-pat", Secret: fakePAT, Match: fakePAT},
				// A match that lies inside the private key.
				{RuleID: "c", Secret: "Tt7Yy9Uu1Ii3", Match: "MIIEpQIBAAKCAQEAFAKEq3Xz9"},
				{RuleID: "private-key", Secret: fakePEM, Match: fakePEM},
			},
			secrets: []string{fakePAT, fakePEM, "Hq7vL2mXz9Kr", "Pz8kQ2mLv7Xr"},
			want: map[int]map[string]string{0: {"Match": "pass=REDACTED;tok=REDACTED"}, 1: {"Match": "REDACTED;pw=REDACTED"},
				3: {"Match": "REDACTED"}},
		},
		{
			name: "every field, including extras and the verification reason",
			findings: []Finding{{RuleID: "slack-bot-token", Secret: "xoxb-2847193650-4819203756-Qk9Lm2Qv7Rt4Wz8Kp3Nb6",
				Extra:        map[string]string{"step": "echo xoxb-2847193650-4819203756-Qk9Lm2Qv7Rt4Wz8Kp3Nb6"},
				Verification: &Verification{Status: "invalid", Reason: "token xoxb-2847193650-4819203756-Qk9Lm2Qv7Rt4Wz8Kp3Nb6 revoked"}}},
			secrets: []string{"xoxb-2847193650-4819203756-Qk9Lm2Qv7Rt4Wz8Kp3Nb6"},
			want:    map[int]map[string]string{0: {"Extra.step": "echo REDACTED", "Verification.Reason": "token REDACTED revoked"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := append([]Finding(nil), tc.findings...)
			RedactAll(fs)
			for i := range fs {
				f := &fs[i]
				if !f.Redacted() || f.Secret != RedactedValue {
					t.Errorf("finding %d: not redacted (Secret %q)", i, f.ShortHash())
				}
				for field, text := range quoted(f) {
					for _, s := range tc.secrets {
						if sub := leaked(text, s); sub != "" {
							t.Errorf("finding %d %s = %q still holds %q", i, field, text, sub)
						}
					}
					if w, ok := tc.want[i][field]; ok && text != w {
						t.Errorf("finding %d %s = %q, want %q", i, field, text, w)
					}
				}
			}
		})
	}
}

// TestRedactAllLeavesOtherTextAlone: redaction changes only secrets; a
// second call changes nothing more.
func TestRedactAllLeavesOtherTextAlone(t *testing.T) {
	fs := []Finding{{RuleID: "github-pat", Secret: fakePAT, Match: "TOKEN=" + fakePAT, Message: "Add the deploy job",
		Author: "Dev Eloper", Email: "dev@example.com"}}
	RedactAll(fs)
	RedactAll(fs)
	f := fs[0]
	if f.Match != "TOKEN=REDACTED" || f.Message != "Add the deploy job" || f.Author != "Dev Eloper" || f.Email != "dev@example.com" {
		t.Errorf("got %+v", f)
	}
}

func TestRedactor(t *testing.T) {
	for _, tc := range []struct {
		name    string
		secrets []string
		in      string
		want    string
	}{
		{"none", nil, "x=1", "x=1"},
		{"every occurrence", []string{"Hq7vL2mXz9Kr"}, "a=Hq7vL2mXz9Kr b=Hq7vL2mXz9Kr", "a=REDACTED b=REDACTED"},
		{"longest first", []string{"abc", "abcdef", ""}, "x=abcdef y=abc", "x=REDACTED y=REDACTED"},
		{"overlapping secrets merge", []string{"Qz7Lm2Xv9Tw4", "Xv9Tw4Pb8Nc3"}, "k=Qz7Lm2Xv9Tw4Pb8Nc3;", "k=REDACTED;"},
		{"short secret", []string{"pw"}, "u:pw@h", "u:REDACTED@h"},
		{
			"multi-line secret shown line by line in a diff", []string{fakePEM},
			"-KEY = \"\"\"" + strings.ReplaceAll(fakePEM, "\n", "\n-") + "\"\"\"\n+KEY = get_secret(\"k\")\n",
			"-KEY = \"\"\"REDACTED\n-REDACTED\n-REDACTED\n-REDACTED\"\"\"\n+KEY = get_secret(\"k\")\n",
		},
		{"crlf multi-line secret", []string{"line-one-Qz7Lm2\r\nline-two-Xv9Tw4"}, " line-one-Qz7Lm2\n line-two-Xv9Tw4\n", " REDACTED\n REDACTED\n"},
		{"text ends inside a secret", []string{fakePAT}, "tok=" + fakePAT[:10], "tok=REDACTED"},
		{"text starts inside a secret", []string{fakePAT}, fakePAT[30:] + " end", "REDACTED end"},
		{"text inside a secret", []string{fakePAT}, fakePAT[8:20], "REDACTED"},
		{"pieces under MinPartial stay", []string{"Zq8LmSecret"}, "cret=1 Zq8Lm", "cret=1 Zq8Lm"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NewRedactor(tc.secrets).Redact(tc.in); got != tc.want {
				t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	var nilR *Redactor
	if got := nilR.Redact("a"); got != "a" {
		t.Errorf("nil Redactor changed the text: %q", got)
	}
}

// TestRedactOwnSecret: Redact on one finding removes its own secret from
// every quoted field, commit metadata included.
func TestRedactOwnSecret(t *testing.T) {
	f := Finding{Secret: fakePAT, Match: "T=" + fakePAT, Message: "Add " + fakePAT}
	f.Redact()
	if f.Match != "T=REDACTED" || f.Message != "Add REDACTED" || f.Secret != RedactedValue || !f.Redacted() {
		t.Errorf("got %+v", f)
	}
}
