package confidence

import "testing"

func TestValueStrength(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  strength
	}{
		{"pass123", weak},
		{"hunter22", weak},
		{"Tr0ub4d!", weak},             // 8 characters
		{"mysecretpw", weak},           // 10 lower-case letters: under 48 bits
		{"aaaaaaaaaaaaaaaaaaaa", weak}, // long but one character
		{"Qz7mK2pLx9", fair},
		{"Kx7mQ2vLp9ab", strong},
		{"N7v!pQ2xLm9r", strong},
		{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEKEY0", strong},
		{"correcthorsebatterystaple", strong},
		// Words, digits and a symbol: what people compose.
		{"Password123!", fair},
		{"SecurePass2024!", fair},
		{"NewPassword123", fair},
		{"MyPassword123!", fair},
		{"Kx7mQ2vLp9ab!", strong},
	} {
		if got := valueStrength(tc.value); got != tc.want {
			t.Errorf("valueStrength(%q) = %d, want %d", tc.value, got, tc.want)
		}
	}
}

func TestIsPlaceholder(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  bool
	}{
		// Weak real passwords are not placeholders.
		{"pass123", false},
		{"hunter22", false},
		{"pass1234", false},
		{"a-zork-signing-key-change-this", true},
		{"zork-dev-secret-change-in-production", true},
		// Substitutions are references; a generated key's "$(" or "%(" is not.
		{"$(cat /run/secrets/db)", true},
		{"$(openssl", true},
		{"%(db_password)s", true},
		{"q7v#l2m)%zx7k@r9t=w3b%n5c^y1h+4$(d4f-g6jz*k2w", false},
		{"k9#vL2%(mQx7!Rr9Tw3Bn5Cy", false},
		{"Qz7mK2pLx9", false},
		{"Kx7mQ2vLp9ab", false},
		{"latest-build-9f3k2", false},
		// Vocabulary.
		{"your-api-key-here", true},
		{"AKIAIOSFODNN7EXAMPLE", true},
		{"<token>", true},
		{"${DB_PASSWORD}", true},
		{"changeme", true},
		{"dummy-value-1", true},
		{"xxxxxxxxxxxx", true},
		{"test-password-1", true},
		{"myTestToken9", true},
		{"wrong-secret", true},
		{"invalidPassword1", true},
		{"REDACTED", true},
		{"secret", false}, // a stack's default password; the rules drop it where it stands for one
		{"my-secret", true},
		{"if_you_see_this_please_use_vault", true},
		{"a-strong-password", true},
		// A description of the secret to generate.
		{"a-strong-password-4711", false}, // adjectivePassword, not a stated placeholder
		{"a-very-strong-random-string-at-least-32-chars", true},
		{"change-to-min-32-characters", true},
		{"a_long_random_value", true},
		{"at-least-zork", false},
		{"aLongZorkPassphrase4711", false},
		{"shopapp_secure_password_2024", false}, // a chosen default
		// Repeated or sequential characters.
		{"aaaaaaaa", true},
		{"12345678", true},
		{"abcdefgh", true},
		{"abcabcabc", true},
		{"121212121", true},
		{"qwqwqwqw", true},
		{"abab", true},
		{"xxxx", true},
		{"1313", true},
		// One syllable twice is a word someone chose.
		{"HAHA", false},
		{"xoxo", false},
		// Three letters, two of them the same, are a word (app), not filler.
		{"app", false},
		{"aaa", true},
		{"111", true},
		{"87654321", true},
		{"", true},
	} {
		if got := isPlaceholder(tc.value); got != tc.want {
			t.Errorf("isPlaceholder(%q) = %v, want %v", tc.value, got, tc.want)
		}
	}
}

func TestAdjectivePassword(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want bool
	}{
		{"SecurePass123!", true}, {"NewSecurePass123!", true}, {"StrongPass1!", true},
		{"complexpassword123", true}, {"my_secure_password", true},
		{"Zork4711!", false}, {"securezork", false}, {"passSecure1", false},
	} {
		if got := adjectivePassword.MatchString(tc.v); got != tc.want {
			t.Errorf("adjectivePassword(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}
