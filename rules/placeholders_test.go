package rules

import (
	"testing"

	"github.com/zricethezav/gitleaks/v8/config"
)

// allowedBy reports whether the shared secret allowlist drops secret.
func allowedBy(a *config.Allowlist, secret string) bool {
	ok, _ := a.ContainsStopWord(secret)
	return ok || a.RegexAllowed(secret)
}

func TestPlaceholderFilter(t *testing.T) {
	secretList := placeholderAllowlists()[0]
	// Validate joins the expressions into one, as the detector does.
	if err := secretList.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		secret string
		allow  bool
	}{
		// References named in the issue.
		{"${{ secrets.DB_PASSWORD }}", true},
		{"${{ vars.API_KEY }}", true},
		{"$DB_PASSWORD", true},
		{"${DB_PASSWORD}", true},
		{"${DB_PASSWORD:-local}", true},
		{"%DB_PASSWORD%", true},
		{"$(dbPassword)", true},
		{"{{ .Values.db.password }}", true},
		{"os.environ['DB_PASSWORD']", true},
		{"os.Getenv(\"DB_PASSWORD\")", true},
		{"process.env.DB_PASSWORD", true},
		{"credentials('db-password')", true},
		{"arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db", true},
		// Placeholders.
		{"<your-password>", true},
		{"changeme", true},
		{"example-token-123", true},
		{"dummy-secret-value", true},
		{"xxxxxxxxxxxxxxxx", true},
		{"********", true},
		{"AKIAIOSFODNN7EXAMPLE", true},
		{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true},
		{"password123", true},
		{"{cipher}AQB8f2c7a1e9d4b6c3a0f5e8d2b7c4a9e1f", true},
		{"self.password", true},
		{"get_password()", true},
		// Real-looking values must pass through.
		{"Xk4!pW9mQz2t", false},
		{"ghp_Rk7Lm2Qv9Xz8Tp3Wb5Nc1Hs4Dg6Ae0Uo2IqY", false},
		{"P@ssw0rd2024!", false},
		{"9vK2mQx7Rr8Tw3Bn5Cy1Hd4Fg6Ja0Ue2IoPl7SxW", false},
		// Case-sensitive expressions stay case-sensitive once joined.
		{"npm_Zk8vL2mQ9xR7Tp3Wb5Nc1Hs4Dg6Ae0Uo2Iq", false},
		{"Db_Pass_2024x", false},
		{"web_8f2c4a7e1b9d3f6a0c5e8b2d7f1a4c9e", false},
		{"s3_disable_express_session_auth", true},
		// Identifiers, route targets, interpolations and prose seen in Rails.
		{"_aj_ruby2_keywords", true},
		{"_aj_hash_with_indifferent_access", true},
		{"active_storage/disk#update", true},
		{"ActiveJob::Serializers::SymbolSerializer", true},
		{"#{local_db_info[", true},
		{"The authenticity token has expired, sign in again.", true},
		{"eyJhbGciOiJSUzI1NiIsImtpZCI6Ikp3In0.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl", false},
	}
	weak, prose := weakValueAllowlist(), proseAllowlist()
	for _, tt := range tests {
		if got := allowedBy(secretList, tt.secret) || allowedBy(weak, tt.secret) || allowedBy(prose, tt.secret); got != tt.allow {
			t.Errorf("placeholder filter on %q = %v, want %v", tt.secret, got, tt.allow)
		}
	}
}

// TestPasswordPlaceholderFilter checks what the weak-password rules drop:
// the shared references and placeholders and the password placeholders,
// but not weak passwords someone chose.
func TestPasswordPlaceholderFilter(t *testing.T) {
	shared := placeholderAllowlists()[0]
	if err := shared.Validate(); err != nil {
		t.Fatal(err)
	}
	pw := passwordPlaceholders()
	if err := pw.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		secret string
		allow  bool
	}{
		{"password", true},
		{"Password!", true},
		{"changeme", true},
		{"your-password", true},
		{"<password>", true},
		{"${DB_PASSWORD}", true},
		{"********", true},
		{"xxxxxx", true},
		{"null", true},
		// A service's shipped password is a real one where it is set (the
		// checks and the scorer judge where).
		{"postgres", false},
		{"my_password", true},
		{"tu_jwt_secret_aqui", true},
		{"sua_senha_aqui", true},
		{"votre-mot-de-passe", true},
		{"Enter your password", true},
		{"C:\\Users\\app", true},
		{"os.getenv('PW')", true},
		{"#{config['password']}", true},
		{"test-secret-test-secret-test-secret", true},
		{"whsec_...", true},
		{"sk_live_...4242", true},
		{"...Kx7mQ2vL", true},
		{"Zk...Fortress", false},
		{"AAEWVaWM...Rva2VuaSDZ", true},
		{"cachepass", true},
		{"prod/snowflake:password", true},
		{"my-secret", true},
		{"secret_password", true},
		{"topsecret", true},
		{"Secret!", false},
		// Weak passwords someone chose are reported.
		{"pass123", false},
		{"hunter22", false},
		{"admin123", false},
		{"s3cr3t!", false},
		{"letmein", false},
		{"qwerty", false},
		{"123456", false},
		{"Sommer2019", false},
		{"zorkP@ss", false},
		{"Zork@Pass", false},
		// "secret" alone is the default password of many stacks.
		{"secret", false},
	}
	for _, tt := range tests {
		if got := allowedBy(shared, tt.secret) || allowedBy(pw, tt.secret); got != tt.allow {
			t.Errorf("password placeholder filter on %q = %v, want %v", tt.secret, got, tt.allow)
		}
	}
}

func TestFixtureMarkers(t *testing.T) {
	lines := placeholderAllowlists()[1]
	if err := lines.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`token := "ghp_0123456789abcdefghij0123456789abcdef" // secretsweep:allow`,
		`PASSWORD = "Xk4!pW9mQz2t"  # pragma: allowlist secret`,
		`api_key = "Xk4!pW9mQz2t"  # nosec`,
		`secret: Xk4!pW9mQz2t  # test fixture`,
	} {
		if !lines.RegexAllowed(line) {
			t.Errorf("marker not recognised: %s", line)
		}
	}
	if lines.RegexAllowed(`password: Xk4!pW9mQz2t`) {
		t.Error("unmarked line allowed")
	}
}
