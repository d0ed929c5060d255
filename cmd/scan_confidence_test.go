package cmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fairPassword is a made-up value of medium strength: the generic rules
// detect it; as a password in .env it is medium.
const fairPassword = "Qz7mK2pLx9"

// lowLine is a made-up value the generic rules detect under a key that
// names a .NET assembly's public identity: low.
const lowLine = "PublicKeyToken=0123abcd4567ef89\n"

// confidenceDir holds a low-confidence assignment in a test fixture, a
// medium one in .env when withEnv is set, and, when config is set, a
// .secretsweep.toml.
func confidenceDir(t *testing.T, withEnv bool, config string) string {
	t.Helper()
	dir := t.TempDir()
	line := []byte("DB_PASSWORD=" + fairPassword + "\n")
	if err := os.MkdirAll(filepath.Join(dir, "tests", "fixtures"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"tests/fixtures/.env": []byte(lowLine)}
	if withEnv {
		files[".env"] = line
	}
	if config != "" {
		files[".secretsweep.toml"] = []byte("[extend]\nuseDefault = true\n\n" + config)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestScanMinConfidence(t *testing.T) {
	both, fixtureOnly := confidenceDir(t, true, ""), confidenceDir(t, false, "")
	cfgLow := confidenceDir(t, true, "[scan]\nminConfidence = \"low\"\n")
	cfgBad := confidenceDir(t, true, "[scan]\nminConfidence = \"paranoid\"\n")
	const hiddenLow = "1 low-confidence finding not shown; --min-confidence low shows them."
	for _, tc := range []struct {
		name      string
		args      []string
		code      int
		want      []string // in stdout
		notWant   []string
		errSubstr string
	}{
		{"default: .env reported, the fixture hidden", []string{"scan", both}, 1,
			[]string{".env:1  generic-secret-env", "Confidence:  medium", hiddenLow}, []string{"tests/fixtures/.env:1"}, ""},
		{"low shows the fixture", []string{"scan", "--min-confidence", "low", both}, 1,
			[]string{".env:1  generic-secret-env", "tests/fixtures/.env:1", "Confidence:  low", "2 findings."}, []string{"not shown"}, ""},
		{"high hides both", []string{"scan", "--min-confidence", "high", both}, 0,
			[]string{"No leaks found.", "2 findings below high confidence not shown"}, []string{".env:1"}, ""},
		{"a fixture alone passes at the default", []string{"scan", fixtureOnly}, 0, []string{"No leaks found.", hiddenLow}, nil, ""},
		{"a fixture alone fails at low", []string{"scan", "--min-confidence=low", fixtureOnly}, 1, []string{"tests/fixtures/.env:1"}, nil, ""},
		{"config sets the threshold", []string{"scan", cfgLow}, 1, []string{"tests/fixtures/.env:1", ".env:1"}, []string{"not shown"}, ""},
		{"the flag wins over the config", []string{"scan", "--min-confidence", "medium", cfgLow}, 1, []string{".env:1", hiddenLow}, []string{"tests/fixtures/.env:1"}, ""},
		{"bad config value", []string{"scan", cfgBad}, 2, nil, nil, `[scan] minConfidence: invalid confidence "paranoid"`},
		{"bad flag value", []string{"scan", "--min-confidence", "none", both}, 2, nil, nil, `--min-confidence: invalid confidence "none"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := scanFactory()
			if code := Main(tc.args, f); code != tc.code {
				t.Fatalf("exit %d, want %d; stdout %q, stderr %q", code, tc.code, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out.String(), w) {
					t.Errorf("stdout has %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errOut.String(), tc.errSubstr) || (tc.code == 2 && strings.Count(strings.TrimSpace(errOut.String()), "\n") > 0) {
				t.Errorf("stderr %q, want one line with %q", errOut, tc.errSubstr)
			}
			if strings.Contains(out.String()+errOut.String(), fairPassword) {
				t.Error("secret printed")
			}
		})
	}
}

// A baseline written at --min-confidence low still matches at every
// threshold; a finding the threshold hides is not new, and a finding the
// baseline covers is not counted as hidden.
func TestScanMinConfidenceBaseline(t *testing.T) {
	dir := confidenceDir(t, true, "")
	base := filepath.Join(t.TempDir(), "baseline.json")
	f, _, errOut := scanFactory()
	if code := Main([]string{"scan", "--min-confidence", "low", "-f", "json", "-o", base, dir}, f); code != 1 {
		t.Fatalf("writing the baseline: exit %d, %s", code, errOut)
	}
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"Confidence": "low"`) || !strings.Contains(string(data), `"Confidence": "medium"`) {
		t.Fatalf("baseline lacks the confidences:\n%s", data)
	}
	for _, min := range []string{"low", "medium", "high"} {
		f, out, errOut := scanFactory()
		if code := Main([]string{"scan", "--min-confidence", min, "--baseline", base, dir}, f); code != 0 {
			t.Errorf("--min-confidence %s with the baseline: exit %d\n%s%s", min, code, out, errOut)
		}
		if strings.Contains(out.String(), "not shown") {
			t.Errorf("--min-confidence %s: baselined findings counted as hidden:\n%s", min, out)
		}
	}
	// A baseline written at the default lacks the fixture: at low it is new.
	base2 := filepath.Join(t.TempDir(), "baseline.json")
	f, _, _ = scanFactory()
	if code := Main([]string{"scan", "-f", "json", "-o", base2, dir}, f); code != 1 {
		t.Fatalf("writing the default baseline: exit %d", code)
	}
	f, out, _ := scanFactory()
	if code := Main([]string{"scan", "--baseline", base2, dir}, f); code != 0 || !strings.Contains(out.String(), "1 low-confidence finding not shown") {
		t.Errorf("default with the default baseline: exit %d\n%s", code, out)
	}
	f, out, _ = scanFactory()
	if code := Main([]string{"scan", "--min-confidence", "low", "--baseline", base2, dir}, f); code != 1 || !strings.Contains(out.String(), "tests/fixtures/.env:1") {
		t.Errorf("low with the default baseline: exit %d\n%s", code, out)
	}
}

// SARIF levels and ranks come from the confidence, and the run says what
// the threshold hid.
func TestScanSARIFConfidence(t *testing.T) {
	f, out, errOut := scanFactory()
	if code := Main([]string{"scan", "-f", "sarif", confidenceDir(t, true, "")}, f); code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, w := range []string{`"level": "warning"`, `"rank": `, `"belowConfidence": 1`, `"minConfidence": "medium"`} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("SARIF lacks %s:\n%s", w, out)
		}
	}
	if !strings.Contains(errOut.String(), "1 low-confidence finding not shown") {
		t.Errorf("summary on stderr: %q", errOut)
	}
}
