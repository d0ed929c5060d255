package scanner

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Fake hash keys for the tests.
var (
	testKey  = []byte("FAKE-scanner-test-key-0000000000")
	otherKey = []byte("FAKE-scanner-other-key-111111111")
)

func testHasher(t testing.TB, key []byte) finding.Hasher {
	t.Helper()
	h, err := finding.NewHasher(key)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestScanHashesAreKeyed(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n"})
	a, b := testHasher(t, testKey), testHasher(t, otherKey)
	ra, rb := scanDir(t, dir, Options{Hasher: a}), scanDir(t, dir, Options{Hasher: b})
	if len(ra.Findings) != 1 || len(rb.Findings) != 1 {
		t.Fatalf("findings: %v and %v", keys(ra.Findings), keys(rb.Findings))
	}
	fa, fb := ra.Findings[0], rb.Findings[0]
	if fa.SecretHash != a.Sum(fakeGitHubPAT) || fb.SecretHash != b.Sum(fakeGitHubPAT) {
		t.Errorf("SecretHash %q / %q, want the keyed hashes of the secret", fa.SecretHash, fb.SecretHash)
	}
	if fa.SecretHash == fb.SecretHash {
		t.Error("two keys gave the same hash")
	}
	if fa.SecretSHA256 != "" || strings.Contains(fa.SecretHash, finding.PlainSHA256(fakeGitHubPAT)) {
		t.Errorf("the finding carries the plain SHA-256: %+v", fa)
	}
}

// TestBaselineKinds: a baseline suppresses the findings it lists, whether
// it holds keyed hashes made with the current key, plain SHA-256 hashes (a
// report written before keyed hashes) or raw secrets (gitleaks); one made
// with another key is an error naming both key ids.
func TestBaselineKinds(t *testing.T) {
	key, other := testHasher(t, testKey), testHasher(t, otherKey)
	type entry struct {
		RuleID, File, Secret, SecretHash, SecretSHA256 string
	}
	entries := func(hash func(string) (keyed, plain string), secret string) []entry {
		var out []entry
		for _, e := range []struct{ rule, file, secret string }{
			{"github-pat", "a.txt", fakeGitHubPAT}, {"aws-access-token", "b.txt", fakeAWSKeyID},
		} {
			k, p := hash(e.secret)
			s := secret
			if s == "" {
				s = e.secret
			}
			out = append(out, entry{e.rule, e.file, s, k, p})
		}
		return out
	}
	for _, tc := range []struct {
		name    string
		hasher  finding.Hasher
		entries []entry
		wantErr []string
	}{
		{"keyed, same key", key, entries(func(s string) (string, string) { return key.Sum(s), "" }, finding.RedactedValue), nil},
		{"old plain SHA-256", key, entries(func(s string) (string, string) { return "", finding.PlainSHA256(s) }, finding.RedactedValue), nil},
		{"old plain SHA-256, no key", finding.Hasher{}, entries(func(s string) (string, string) { return "", finding.PlainSHA256(s) }, finding.RedactedValue), nil},
		{"gitleaks, raw secrets", key, entries(func(string) (string, string) { return "", "" }, ""), nil},
		{"another key", key, entries(func(s string) (string, string) { return other.Sum(s), "" }, finding.RedactedValue),
			[]string{"key id " + other.KeyID(), key.KeyID()}},
		{"keyed, no key set", finding.Hasher{}, entries(func(s string) (string, string) { return key.Sum(s), "" }, finding.RedactedValue),
			[]string{"key id " + key.KeyID(), "no hash key"}},
		{"no hash at all", key, entries(func(string) (string, string) { return "", "" }, finding.RedactedValue),
			[]string{"no SecretHash, no SecretSHA256 and no unredacted Secret"}},
		{"malformed keyed hash", key, entries(func(string) (string, string) { return "hmac-sha256:xyz", "" }, finding.RedactedValue),
			[]string{"SecretHash", "not a secret hash"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The secrets moved down a few lines since the baseline; c.txt is new.
			dir := writeTree(t, map[string]string{"a.txt": "\n\n\ngh=" + fakeGitHubPAT + "\n", "b.txt": "aws=" + fakeAWSKeyID + "\n",
				"c.txt": "slack=" + fakeSlackBot + "\n"})
			base := filepath.Join(t.TempDir(), "baseline.json")
			writeJSON(t, base, tc.entries)
			res, err := Scan(context.Background(), Options{Path: dir, BaselinePath: base, Hasher: tc.hasher, MaxDecodeDepth: 5})
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("no error; findings %v", keys(res.Findings))
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				if strings.Contains(err.Error(), fakeGitHubPAT) {
					t.Errorf("error shows a secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(res.Findings); !reflect.DeepEqual(got, []string{"c.txt:1 slack-bot-token"}) {
				t.Errorf("findings = %v, want only the new one", got)
			}
		})
	}
}

// TestBaselineRoundTrip: a redacted report written by a run with key K is a
// baseline for a later run with K (another process: only the key is shared).
func TestBaselineRoundTrip(t *testing.T) {
	dir := writeTree(t, map[string]string{"a.txt": "gh=" + fakeGitHubPAT + "\n"})
	first := scanDir(t, dir, Options{Hasher: testHasher(t, testKey)})
	finding.RedactAll(first.Findings)
	b, err := json.Marshal(first.Findings)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), fakeGitHubPAT) || strings.Contains(string(b), finding.PlainSHA256(fakeGitHubPAT)) {
		t.Fatalf("the redacted report holds the secret or its plain hash: %s", b)
	}
	base := filepath.Join(t.TempDir(), "baseline.json")
	if err := os.WriteFile(base, b, 0o600); err != nil {
		t.Fatal(err)
	}
	res := scanDir(t, dir, Options{BaselinePath: base, Hasher: testHasher(t, testKey)})
	if len(res.Findings) != 0 {
		t.Errorf("findings = %v, want none", keys(res.Findings))
	}
}
