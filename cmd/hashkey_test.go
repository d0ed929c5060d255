package cmd

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/hashkey"
)

// testKey is the fake hash key of the command tests.
var testKey = bytes.Repeat([]byte{0x7e}, 32)

// testHasher is a Factory.Hasher with testKey.
func testHasher() (finding.Hasher, error) { return finding.NewHasher(testKey) }

func mustHasher(t *testing.T, key []byte) finding.Hasher {
	t.Helper()
	h, err := finding.NewHasher(key)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// keyFactory is scanFactory with the real key loading, the environment env
// and configDir as the user's configuration directory.
func keyFactory(env map[string]string, configDir string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	f, out, errOut := scanFactory()
	f.Getenv = func(k string) string { return env[k] }
	f.Hasher = newHasherFunc(f, func() (string, error) { return configDir, nil }, bytes.NewReader(bytes.Repeat([]byte{0x11}, 32)))
	return f, out, errOut
}

// reportKeyIDs returns the key ids of the SecretHash fields of a JSON report.
func reportKeyIDs(t *testing.T, report string) []string {
	t.Helper()
	var fs []finding.Finding
	if err := json.Unmarshal([]byte(report), &fs); err != nil {
		t.Fatalf("report: %v\n%s", err, report)
	}
	var ids []string
	for _, f := range fs {
		id, _, ok := finding.ParseHash(f.SecretHash)
		if !ok {
			t.Fatalf("SecretHash %q is not a keyed hash", f.SecretHash)
		}
		ids = append(ids, id)
	}
	return ids
}

// TestScanHashKeySources: the report's hashes are made with the key from
// --hash-key-file, else SECRETSWEEP_HASH_KEY, else
// SECRETSWEEP_HASH_KEY_FILE, else the default key file (created on first
// use, with a note on stderr).
func TestScanHashKeySources(t *testing.T) {
	leaky := leakyDir(t)
	dir := t.TempDir()
	keyFile := func(name string, key []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(hex.EncodeToString(key)+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	flagKey, envKey, envFileKey := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32), bytes.Repeat([]byte{3}, 32)
	flagFile, envFile := keyFile("flag.key", flagKey), keyFile("env.key", envFileKey)
	allEnv := map[string]string{hashkey.EnvKey: hex.EncodeToString(envKey), hashkey.EnvKeyFile: envFile}
	created := mustHasher(t, bytes.Repeat([]byte{0x11}, 32)) // keyFactory's random bytes
	for _, tc := range []struct {
		name        string
		env         map[string]string
		args        []string
		want        finding.Hasher
		wantCreated bool
	}{
		{"flag", allEnv, []string{"--hash-key-file", flagFile}, mustHasher(t, flagKey), false},
		{"key in the environment", allEnv, nil, mustHasher(t, envKey), false},
		{"key file in the environment", map[string]string{hashkey.EnvKeyFile: envFile}, nil, mustHasher(t, envFileKey), false},
		{"default key file", nil, nil, created, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := t.TempDir()
			f, out, errOut := keyFactory(tc.env, cfg)
			args := append([]string{"scan", "-f", "json", leaky}, tc.args...)
			if code := Main(args, f); code != ExitLeaks {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if ids := reportKeyIDs(t, out.String()); len(ids) != 1 || ids[0] != tc.want.KeyID() {
				t.Errorf("key ids %v, want %s", ids, tc.want.KeyID())
			}
			if strings.Contains(out.String(), finding.PlainSHA256(fakeScanPAT)) {
				t.Error("the report holds the plain SHA-256 of the secret")
			}
			_, err := os.Stat(hashkey.DefaultPath(cfg))
			if gotCreated := err == nil; gotCreated != tc.wantCreated || strings.Contains(errOut.String(), "created hash key") != tc.wantCreated {
				t.Errorf("default key file created: %v, stderr %q", gotCreated, errOut)
			}
		})
	}
}

func TestHashKeyErrors(t *testing.T) {
	leaky := leakyDir(t)
	dir := t.TempDir()
	loose := filepath.Join(dir, "loose.key")
	if err := os.WriteFile(loose, []byte(hex.EncodeToString(testKey)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(loose, 0o644); err != nil {
		t.Fatal(err)
	}
	other := mustHasher(t, bytes.Repeat([]byte{0x42}, 32))
	baseline := filepath.Join(dir, "baseline.json")
	b, _ := json.Marshal([]finding.Finding{{RuleID: "github-pat", File: "app.py", Secret: finding.RedactedValue, SecretHash: other.Sum(fakeScanPAT)}})
	if err := os.WriteFile(baseline, b, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"group-readable key file", nil, []string{"scan", "--hash-key-file", loose, leaky}, []string{"mode 0644", "chmod 600"}},
		{"bad key in the environment", map[string]string{hashkey.EnvKey: "FAKE-not-a-hex-key"}, []string{"scan", leaky}, []string{hashkey.EnvKey, "hex digits"}},
		{"baseline from another key", map[string]string{hashkey.EnvKey: hex.EncodeToString(testKey)}, []string{"scan", "--baseline", baseline, leaky},
			[]string{"baseline", "key id " + other.KeyID(), mustHasher(t, testKey).KeyID()}},
		{"report from another key", map[string]string{hashkey.EnvKey: hex.EncodeToString(testKey)}, []string{"remediate", "--report", baseline, leaky},
			[]string{"report", "key id " + other.KeyID(), mustHasher(t, testKey).KeyID()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, _, errOut := keyFactory(tc.env, t.TempDir())
			f.AWSConfig = func(context.Context, string) (aws.Config, error) {
				return aws.Config{}, errors.New("no AWS in this test")
			}
			if code := Main(tc.args, f); code != ExitError {
				t.Fatalf("exit %d, want 2: %s", code, errOut)
			}
			msg := errOut.String()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("stderr %q does not say %q", msg, w)
				}
			}
			if strings.Count(msg, "\n") != 1 || strings.Contains(msg, "FAKE-not-a-hex") || strings.Contains(msg, hex.EncodeToString(testKey)) {
				t.Errorf("want one line naming no key: %q", msg)
			}
		})
	}
}
