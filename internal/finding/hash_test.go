package finding

import (
	"errors"
	"strings"
	"testing"
)

// Test keys: obviously fake, long enough.
var (
	keyA = []byte("FAKE-test-key-A-0123456789abcdef")
	keyB = []byte("FAKE-test-key-B-0123456789abcdef")
)

const fakeSecret = "hunter2-FAKE-password"

func mustHasher(t *testing.T, key []byte) Hasher {
	t.Helper()
	h, err := NewHasher(key)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestHasherIsKeyed(t *testing.T) {
	a, a2, b := mustHasher(t, keyA), mustHasher(t, keyA), mustHasher(t, keyB)
	plain := PlainSHA256(fakeSecret)
	for _, tc := range []struct {
		name       string
		x, y       string
		wantEqual  bool
		wantParsed bool
	}{
		{"same key, same secret", a.Sum(fakeSecret), a2.Sum(fakeSecret), true, true},
		{"different keys", a.Sum(fakeSecret), b.Sum(fakeSecret), false, true},
		{"different secrets", a.Sum(fakeSecret), a.Sum(fakeSecret + "x"), false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if (tc.x == tc.y) != tc.wantEqual {
				t.Errorf("%s vs %s: equal = %v, want %v", tc.x, tc.y, tc.x == tc.y, tc.wantEqual)
			}
			for _, h := range []string{tc.x, tc.y} {
				if _, _, ok := ParseHash(h); ok != tc.wantParsed {
					t.Errorf("ParseHash(%s) ok = %v", h, ok)
				}
				if strings.Contains(h, plain) || strings.Contains(h, plain[:ShortHashLen]) {
					t.Errorf("%s contains the plain SHA-256 of the secret", h)
				}
			}
		})
	}
	if a.KeyID() == b.KeyID() || len(a.KeyID()) != KeyIDLen || a.KeyID() != a2.KeyID() {
		t.Errorf("key ids: A %q, A again %q, B %q", a.KeyID(), a2.KeyID(), b.KeyID())
	}
	if !strings.HasPrefix(a.Sum(fakeSecret), "hmac-sha256:"+a.KeyID()+":") {
		t.Errorf("Sum = %q, want hmac-sha256:<key id>:<hex>", a.Sum(fakeSecret))
	}
	if strings.Contains(a.KeyID(), string(keyA[:4])) {
		t.Error("key id shows the key")
	}
}

func TestNewHasherShortKey(t *testing.T) {
	if _, err := NewHasher([]byte("short")); err == nil {
		t.Error("a 5-byte key was accepted")
	}
	var zero Hasher
	if !zero.IsZero() || zero.Sum(fakeSecret) != "" {
		t.Error("the zero Hasher hashes")
	}
}

func TestHasherCheck(t *testing.T) {
	a, b := mustHasher(t, keyA), mustHasher(t, keyB)
	var mismatch *KeyMismatchError
	for _, tc := range []struct {
		name     string
		h        Hasher
		stored   string
		mismatch bool
		bad      bool
	}{
		{"own key", a, a.Sum(fakeSecret), false, false},
		{"plain sha256", a, PlainSHA256(fakeSecret), false, false},
		{"other key", a, b.Sum(fakeSecret), true, false},
		{"no key", Hasher{}, b.Sum(fakeSecret), true, false},
		{"garbage", a, "hmac-sha256:zz:00", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.h.Check(tc.stored)
			if errors.As(err, &mismatch) != tc.mismatch || errors.Is(err, ErrBadHash) != tc.bad {
				t.Fatalf("Check = %v", err)
			}
			if tc.mismatch && !strings.Contains(err.Error(), b.KeyID()) {
				t.Errorf("message %q does not name the key id %s", err, b.KeyID())
			}
		})
	}
}

func TestHasherMatch(t *testing.T) {
	a, b := mustHasher(t, keyA), mustHasher(t, keyB)
	for _, tc := range []struct {
		name   string
		h      Hasher
		stored string
		secret string
		want   bool
	}{
		{"keyed", a, a.Sum(fakeSecret), fakeSecret, true},
		{"keyed, other secret", a, a.Sum(fakeSecret), "other", false},
		{"keyed, other key", a, b.Sum(fakeSecret), fakeSecret, false},
		{"plain", a, PlainSHA256(fakeSecret), fakeSecret, true},
		{"plain upper case", a, strings.ToUpper(PlainSHA256(fakeSecret)), fakeSecret, true},
		{"plain, no key", Hasher{}, PlainSHA256(fakeSecret), fakeSecret, true},
		{"keyed, no key", Hasher{}, a.Sum(fakeSecret), fakeSecret, false},
		{"empty", a, "", fakeSecret, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.h.MatchHash(tc.stored, tc.secret); got != tc.want {
				t.Errorf("MatchHash = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHasherMatchesFinding(t *testing.T) {
	a := mustHasher(t, keyA)
	redacted := Finding{Secret: fakeSecret}
	redacted.Redact()
	for _, tc := range []struct {
		name string
		f    Finding
		want bool
	}{
		{"keyed hash", Finding{Secret: RedactedValue, SecretHash: a.Sum(fakeSecret)}, true},
		{"old report's sha256", Finding{Secret: RedactedValue, SecretSHA256: PlainSHA256(fakeSecret)}, true},
		{"unredacted gitleaks finding", Finding{Secret: fakeSecret}, true},
		{"redacted, no hash", redacted, false},
		{"another secret", Finding{Secret: RedactedValue, SecretHash: a.Sum("other")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := a.Matches(&tc.f, fakeSecret); got != tc.want {
				t.Errorf("Matches = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestShortHash(t *testing.T) {
	a := mustHasher(t, keyA)
	sum := a.Sum(fakeSecret)
	f := Finding{SecretHash: sum}
	_, digest, _ := ParseHash(sum)
	if got := f.ShortHash(); len(got) != ShortHashLen || got != digest[:ShortHashLen] {
		t.Errorf("ShortHash = %q for %q", got, sum)
	}
	if got := (&Finding{SecretSHA256: PlainSHA256(fakeSecret)}).ShortHash(); got != "" {
		t.Errorf("ShortHash of a plain SHA-256 = %q, want nothing", got)
	}
}

func TestHasherHashFinding(t *testing.T) {
	a := mustHasher(t, keyA)
	f := Finding{Secret: fakeSecret, SecretSHA256: PlainSHA256(fakeSecret)}
	a.Hash(&f)
	if f.SecretHash != a.Sum(fakeSecret) || f.SecretSHA256 != "" {
		t.Errorf("after Hash: SecretHash %q, SecretSHA256 %q", f.SecretHash, f.SecretSHA256)
	}
	r := Finding{Secret: fakeSecret}
	r.Redact()
	a.Hash(&r)
	if r.SecretHash != "" {
		t.Errorf("a redacted finding got hash %q", r.SecretHash)
	}
}
