package hashkey

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// Fake keys (hex), one per place a key can come from.
var (
	keyFlag    = strings.Repeat("f1", 32)
	keyEnv     = strings.Repeat("e2", 32)
	keyEnvFile = strings.Repeat("e3", 32)
	keyDefault = strings.Repeat("d4", 32)
)

func hasherOf(t *testing.T, hexKey string) finding.Hasher {
	t.Helper()
	raw, err := hex.DecodeString(hexKey)
	if err != nil {
		t.Fatal(err)
	}
	h, err := finding.NewHasher(raw)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func writeKey(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func configDir(dir string) func() (string, error) { return func() (string, error) { return dir, nil } }

// failingRand fails the test if a key is generated when none should be.
type failingRand struct{ t *testing.T }

func (r failingRand) Read([]byte) (int, error) {
	r.t.Error("a key was generated")
	return 0, errors.New("no randomness in this test")
}

func TestLoadPrecedence(t *testing.T) {
	dir := t.TempDir()
	flagFile, envFile := filepath.Join(dir, "flag.key"), filepath.Join(dir, "env.key")
	writeKey(t, flagFile, keyFlag+"\n", 0o600)
	writeKey(t, envFile, keyEnvFile, 0o600)
	cfg := filepath.Join(dir, "config")
	writeKey(t, DefaultPath(cfg), keyDefault+"\n", 0o600)
	for _, tc := range []struct {
		name       string
		file       string
		env        map[string]string
		want       string
		wantSource string
	}{
		{"flag first", flagFile, map[string]string{EnvKey: keyEnv, EnvKeyFile: envFile}, keyFlag, "--hash-key-file " + flagFile},
		{"then the key in the environment", "", map[string]string{EnvKey: keyEnv, EnvKeyFile: envFile}, keyEnv, EnvKey},
		{"then the key file in the environment", "", map[string]string{EnvKeyFile: envFile}, keyEnvFile, EnvKeyFile + " " + envFile},
		{"then the default file", "", nil, keyDefault, DefaultPath(cfg)},
		{"key with white space", "", map[string]string{EnvKey: "  " + strings.ToUpper(keyEnv) + "\n"}, keyEnv, EnvKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := Load(Options{File: tc.file, Getenv: env(tc.env), UserConfigDir: configDir(cfg), Rand: failingRand{t}})
			if err != nil {
				t.Fatal(err)
			}
			if want := hasherOf(t, tc.want); k.Hasher.KeyID() != want.KeyID() {
				t.Errorf("key id %s, want %s (the key from %s)", k.Hasher.KeyID(), want.KeyID(), tc.wantSource)
			}
			if k.Source != tc.wantSource || k.Created {
				t.Errorf("source %q created %v, want %q", k.Source, k.Created, tc.wantSource)
			}
		})
	}
}

func TestLoadCreatesDefaultKey(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config")
	raw := bytes.Repeat([]byte{0xab}, KeyBytes)
	k, err := Load(Options{Getenv: env(nil), UserConfigDir: configDir(cfg), Rand: bytes.NewReader(raw)})
	if err != nil {
		t.Fatal(err)
	}
	path := DefaultPath(cfg)
	if !k.Created || k.Source != path {
		t.Errorf("created %v source %q, want a new %s", k.Created, k.Source, path)
	}
	if want := hasherOf(t, hex.EncodeToString(raw)); k.Hasher.KeyID() != want.KeyID() {
		t.Errorf("key id %s is not that of the random bytes (%s)", k.Hasher.KeyID(), want.KeyID())
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(content) != hex.EncodeToString(raw)+"\n" {
		t.Errorf("key file holds %d bytes, want %d hex digits and a newline", len(content), 2*KeyBytes)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != want {
				t.Errorf("%s has mode %04o, want %04o", p, st.Mode().Perm(), want)
			}
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	// A second run reuses the key.
	again, err := Load(Options{Getenv: env(nil), UserConfigDir: configDir(cfg), Rand: failingRand{t}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Created || again.Hasher.KeyID() != k.Hasher.KeyID() {
		t.Errorf("second run: created %v, key id %s, want the first run's %s", again.Created, again.Hasher.KeyID(), k.Hasher.KeyID())
	}
}

// TestLoadConcurrentFirstRuns: runs that create the default key at the same
// time end up with one key.
func TestLoadConcurrentFirstRuns(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config")
	const n = 8
	ids := make([]string, n)
	created := make([]bool, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := Load(Options{Getenv: env(nil), UserConfigDir: configDir(cfg),
				Rand: bytes.NewReader(bytes.Repeat([]byte{byte(i + 1)}, KeyBytes))})
			if errs[i] = err; err == nil {
				ids[i], created[i] = k.Hasher.KeyID(), k.Created
			}
		}()
	}
	wg.Wait()
	creators := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("run %d: %v", i, errs[i])
		}
		if ids[i] != ids[0] {
			t.Errorf("run %d has key id %s, run 0 %s", i, ids[i], ids[0])
		}
		if created[i] {
			creators++
		}
	}
	if creators != 1 {
		t.Errorf("%d runs say they created the key, want 1", creators)
	}
}

func TestLoadRefusesBadKeyFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits are not checked on Windows")
	}
	const secretish = "d4d4d4d4FAKEKEYMATERIAL"
	for _, tc := range []struct {
		name    string
		setup   func(t *testing.T, path string)
		useFlag bool
		want    string
	}{
		{"world-readable default", func(t *testing.T, p string) { writeKey(t, p, keyDefault, 0o644) }, false, "mode 0644"},
		{"group-readable flag file", func(t *testing.T, p string) { writeKey(t, p, keyDefault, 0o640) }, true, "mode 0640"},
		{"group-writable", func(t *testing.T, p string) { writeKey(t, p, keyDefault, 0o620) }, true, "chmod 600"},
		{"directory", func(t *testing.T, p string) {
			if err := os.MkdirAll(p, 0o700); err != nil {
				t.Fatal(err)
			}
		}, false, "not a regular file"},
		{"not hex", func(t *testing.T, p string) { writeKey(t, p, secretish, 0o600) }, true, "hex digits"},
		{"too short", func(t *testing.T, p string) { writeKey(t, p, "abcdef0123", 0o600) }, true, "at least 32 hex digits"},
		{"missing flag file", func(*testing.T, string) {}, true, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := filepath.Join(t.TempDir(), "config")
			path := DefaultPath(cfg)
			o := Options{Getenv: env(nil), UserConfigDir: configDir(cfg), Rand: failingRand{t}}
			if tc.useFlag {
				path = filepath.Join(t.TempDir(), "k")
				o.File = path
			}
			tc.setup(t, path)
			_, err := Load(o)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
			if strings.Contains(err.Error(), secretish) || strings.Contains(err.Error(), keyDefault) {
				t.Errorf("error quotes the key: %v", err)
			}
		})
	}
}

func TestLoadBadEnvKey(t *testing.T) {
	_, err := Load(Options{Getenv: env(map[string]string{EnvKey: "FAKE-not-hex-key-material-0123456789"}), Rand: failingRand{t}})
	if err == nil || !strings.Contains(err.Error(), EnvKey) || strings.Contains(err.Error(), "FAKE-not-hex") {
		t.Errorf("error %v, want one naming %s without its value", err, EnvKey)
	}
}

func TestLoadNoConfigDir(t *testing.T) {
	_, err := Load(Options{Getenv: env(nil), Rand: failingRand{t},
		UserConfigDir: func() (string, error) { return "", errors.New("$HOME is not defined") }})
	if err == nil || !strings.Contains(err.Error(), EnvKey) || !strings.Contains(err.Error(), "--hash-key-file") {
		t.Errorf("error %v, want one pointing at %s and --hash-key-file", err, EnvKey)
	}
}
