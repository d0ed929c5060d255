package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/finding"

	"github.com/secretsweep/secretsweep/migrate/rewrite"
)

// scriptedRewriter returns a fixed change (or panics), to check how the
// orchestration treats a rewriter's output; real rewriters are exercised
// by the end-to-end tests.
type scriptedRewriter struct {
	change *rewrite.Change
	panics bool
}

func (scriptedRewriter) Name() string      { return "scripted" }
func (scriptedRewriter) Match(string) bool { return true }
func (s scriptedRewriter) Rewrite(string, []byte, []rewrite.Target) (*rewrite.Change, error) {
	if s.panics {
		panic("boom")
	}
	return s.change, nil
}

func TestRunRewriterRefusesUnsafeOutput(t *testing.T) {
	const v = "VALUE-FAKE-123"
	item := func() *Item {
		return &Item{Finding: finding.Finding{Secret: v, Fingerprint: "a/x.cfg:r:1", StartLine: 1},
			File: "a/x.cfg", Secret: &Secret{Name: "p/x"}}
	}
	for _, tc := range []struct {
		name string
		rw   scriptedRewriter
		err  string
	}{
		{"value left in output", scriptedRewriter{change: &rewrite.Change{Content: []byte("k=" + v)}}, "still holds the value"},
		{"value in a helper", scriptedRewriter{change: &rewrite.Change{Content: []byte("k=ref"), Files: map[string][]byte{"h.txt": []byte(v)}}}, "helper a/h.txt holds"},
		{"helper escapes", scriptedRewriter{change: &rewrite.Change{Content: []byte("k=ref"), Files: map[string][]byte{"../../h": nil}}}, "outside the repository"},
		{"helper replaces the file", scriptedRewriter{change: &rewrite.Change{Content: []byte("k=ref"), Files: map[string][]byte{"x.cfg": nil}}}, "outside the repository"},
		{"nil change", scriptedRewriter{}, "no change"},
		{"panic", scriptedRewriter{panics: true}, "failed unexpectedly"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it := item()
			_, err := runRewriter(tc.rw, "a/x.cfg", []byte("k="+v), []*Item{it}, "")
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("err = %v, want %q", err, tc.err)
			}
			if err != nil && strings.Contains(err.Error(), v) {
				t.Error("error holds the value")
			}
		})
	}
	// A manual step keeps its literal; that is allowed.
	it := item()
	ch, err := runRewriter(scriptedRewriter{change: &rewrite.Change{Content: []byte("k=" + v),
		Manual: []rewrite.ManualStep{{Target: rewrite.Target{Secret: v, Fingerprint: "a/x.cfg:r:1"}, Reason: "cannot: " + v}}}},
		"a/x.cfg", []byte("k="+v), []*Item{it}, "")
	if err != nil || ch == nil || !strings.HasPrefix(it.Manual, "cannot: ") || strings.Contains(it.Manual, v) {
		t.Errorf("manual step: err %v, reason %q", err, it.Manual)
	}
}

// TestBuildPlanSubdirAndFilters plans findings of a scan of a
// subdirectory: paths are made relative to the repository root, and
// history findings, redacted ones and duplicates are dropped.
func TestBuildPlanSubdirAndFilters(t *testing.T) {
	root := t.TempDir()
	sub := root + "/services/api"
	f := func(file, rule, secret string, line int) finding.Finding {
		return finding.Finding{File: file, RuleID: rule, Secret: secret, StartLine: line,
			Line: "API_KEY=" + secret, Fingerprint: file + ":" + rule + ":" + string(rune('0'+line)), SecretHash: testHasher.Sum(secret)}
	}
	hist := f("x.env", "r", "HIST-FAKE", 1)
	hist.Commit = "abc"
	red := f("x.env", "r", "RED-FAKE", 2)
	red.Redact()
	p, err := BuildPlan(root, sub, []finding.Finding{
		f("x.env", "generic", "V1-FAKE", 3), f("x.env", "specific", "V1-FAKE", 3), hist, red,
		f("../../outside.env", "r", "OUT-FAKE", 1), f("../../.secretsweep/j", "r", "J-FAKE", 1),
	}, nil, PlanOptions{Prefix: "repo/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 2 {
		t.Fatalf("%d items, want 2 (the in-tree one, deduplicated, and outside.env at the root)", len(p.Items))
	}
	got := []string{p.Items[0].File + "=" + p.Items[0].Secret.Name, p.Items[1].File + "=" + p.Items[1].Secret.Name}
	want := []string{"outside.env=repo/outside.env/API_KEY", "services/api/x.env=repo/services/api/x.env/API_KEY"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("items %v, want %v", got, want)
	}
	if _, err := BuildPlan(root, sub, nil, nil, PlanOptions{Prefix: "/"}); err == nil {
		t.Error("empty prefix accepted")
	}
}

// Fake private keys, valid in shape only.
const (
	fxRSAKey = "-----BEGIN RSA PRIVATE KEY-----\n" +
		"MIIEpQIBAAKCAQEAFAKEq3Xz9Lm2Qv7Rt4Wz8Kp3Nb6Yc1Hd5Jg0Sa7Tb2Vn4Mx8Pk\n" +
		"Zr6Wq1Ls5Dh9Gf3Cj7Bv2Nx4Mp8Kt6Ry0Ue3Io5Pa9Sd1Fg7Hj2Kl4Zx6Cv8Bn0Mq\n" +
		"Wt3Ey5Ru7Ti9Yo1Up3Ia5Os7Pd9Sf1Gh3Jk5Ll7Zm9Xn1Cb3Vv5Bg7Nh9Mj1Kq3Wr\n" +
		"-----END RSA PRIVATE KEY-----"
	fxECKey = "-----BEGIN EC PRIVATE KEY-----\n" +
		"MHcCAQEEIFAKEk2Lm9Qv7Rt4Wz8Kp3Nb6Yc1Hd5Jg0Sa7Tb2Vn4Mx8PkoAoGCCqGSM49\n" +
		"AwEHoUQDQgAEZr6Wq1Ls5Dh9Gf3Cj7Bv2Nx4Mp8Kt6Ry0Ue3Io5Pa9Sd1Fg7Hj2Kl4\n" +
		"Zx6Cv8Bn0MqWt3Ey5Ru7Ti9Yo1Up3Ia5Os7Pd9Sf1Gh3Jk5==\n" +
		"-----END EC PRIVATE KEY-----"
)

// TestPlanRedactsMultiLineValues: a private key in a Python triple-quoted
// string or a JavaScript template literal appears in the plan's diff line
// by line; no line of it, nor any 12-byte piece, may be shown.
func TestPlanRedactsMultiLineValues(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "app.py"), "import os\n\nPRIVATE_KEY = \"\"\""+fxRSAKey+"\"\"\"\n", 0o644)
	writeTestFile(t, filepath.Join(dir, "sign.js"), "const signingKey = `"+fxECKey+"`;\nmodule.exports = { signingKey };\n", 0o644)
	out, _, err := runMigrate(t, dir, ModePlan, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{fxRSAKey, fxECKey} {
		for i := 0; i+12 <= len(key); i++ {
			if piece := key[i : i+12]; strings.Contains(out, piece) {
				t.Fatalf("the plan shows %q of a private key:\n%s", piece, out)
			}
		}
	}
	for _, file := range []string{"app.py", "sign.js"} {
		if rewritable(file) && !strings.Contains(out, "diff --git a/"+file) {
			t.Errorf("the plan has no diff of %s:\n%s", file, out)
		}
	}
}

// TestBuildPlanNamesQuoteNoValue: a secret is never named after text that
// holds a value ("AKIA…:secret" would name the secret after its key id).
func TestBuildPlanNamesQuoteNoValue(t *testing.T) {
	const keyID, secret = "AKIAFAKE2Q4L7MZ3XV6R", "Jx8fK2mQ9vLp3RtY7wZb1NcH5sDg4AeU6oIk0Tq3"
	line := `echo "` + keyID + ":" + secret + `" > creds`
	fs := []finding.Finding{
		{File: "deploy.sh", RuleID: "aws-access-token", Secret: keyID, StartLine: 3, Line: line, Fingerprint: "deploy.sh:aws-access-token:3"},
		{File: "deploy.sh", RuleID: "aws-secret-access-key", Secret: secret, StartLine: 3, Line: line, Fingerprint: "deploy.sh:aws-secret-access-key:3"},
	}
	for _, group := range []bool{false, true} {
		root := t.TempDir()
		p, err := BuildPlan(root, root, fs, nil, PlanOptions{Prefix: "billing", GroupByFile: group, Hasher: testHasher})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 2 {
			t.Fatalf("%d items, want 2", len(p.Items))
		}
		for _, it := range p.Items {
			for _, v := range []string{keyID, secret} {
				if piece := v[:12]; strings.Contains(it.Secret.Name+" "+it.Key, piece) {
					t.Errorf("group %v: %s is named %s [key %s], after a value", group, it.Finding.RuleID, it.Secret.Name, it.Key)
				}
			}
		}
	}
}

// TestPlanRedactsWithheldValues: a value whose finding .gitleaksignore
// drops is not migrated, and the diff's context lines do not show it.
func TestPlanRedactsWithheldValues(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "app.py"), "import os\n\nGITHUB_TOKEN = \""+fxGitHub+"\"\nSTRIPE_KEY = \""+fxStripe+"\"\n", 0o644)
	writeTestFile(t, filepath.Join(dir, ".gitleaksignore"), "app.py:github-pat:3\n", 0o644)
	out, sum, err := runMigrate(t, dir, ModePlan, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Findings != 1 || (rewritable("app.py") && !strings.Contains(out, " GITHUB_TOKEN = \"REDACTED\"\n")) {
		t.Errorf("want one finding and the ignored value redacted in the diff's context:\n%s", out)
	}
}

// TestPrepareLeavesUTF16Files plans a finding the scanner made in UTF-16
// text (a T-SQL script saved by SSMS, a PowerShell profile): the rewriters
// edit UTF-8, so the item is a manual step that says why, and no change is
// planned.
func TestPrepareLeavesUTF16Files(t *testing.T) {
	const v = "Zork-FAKE-4711"
	text := "DB_PASSWORD = \"" + v + "\"\r\n"
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"little endian with a mark", append([]byte{0xFF, 0xFE}, utf16LE(text)...)},
		{"little endian without a mark", utf16LE(text)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "settings.py"), tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			it := &Item{Finding: finding.Finding{Secret: v, Fingerprint: "settings.py:r:1", StartLine: 1},
				File: "settings.py", Secret: &Secret{Name: "p/x"}}
			fp := &FilePlan{Path: "settings.py", Items: []*Item{it}}
			fp.prepare(root, func(*Item) bool { return true })
			if !strings.Contains(it.Manual, "UTF-16") || fp.Change != nil {
				t.Errorf("manual %q, change %v; want a UTF-16 manual step and no change", it.Manual, fp.Change)
			}
		})
	}
}

// utf16LE encodes ASCII s as UTF-16 little endian.
func utf16LE(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i], 0)
	}
	return out
}
