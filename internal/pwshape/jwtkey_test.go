package pwshape

import "testing"

func TestJWTKeyName(t *testing.T) {
	for _, tc := range []struct {
		key  string
		want bool
	}{
		{"jwt_secret", true},
		{"jwtSecret", true},
		{"JWT_KEY", true},
		{"secretOrKey", true},
		{"refresh_token_secret", true},
		{"JWT_REFRESH_SECRET", true},
		{"jwtAccessSecret", true},
		{"client_secret", false},
		{"secret", false},
		{"jwt_expiry", false},
	} {
		if got := JWTKeyName(tc.key); got != tc.want {
			t.Errorf("JWTKeyName(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
}
