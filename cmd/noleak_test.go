package cmd

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/scanner/report"
)

// Planted fake credentials: valid in shape for the detectors, never real.
// Values that secretsweep's own rules find cannot contain FAKE or EXAMPLE
// (those rules treat such values as placeholders); they are made up.
const (
	nlGitHubPAT  = "ghp_FAKEx9Lm2Qv7Rt4Wz8Kp3Nb6Yc1Hd5Jg0Sa7"
	nlCurlPAT    = "ghp_FAKEb7Nc2Wq9Lm4Xz8Tv3Rk6Pj1Hy5Gd0Fs2"
	nlCurlPass   = "Wm4tQ8vLz2pRk9"
	nlAWSKeyID   = "AKIAFAKE2Q4L7MZ3XV6R"
	nlAWSSecret  = "Jx8fK2mQ9vLp3RtY7wZb1NcH5sDg4AeU6oIk0Tq3"
	nlStripe     = "sk_live_FAKE7hQ2mLx9Vr4Tz8Kw3Nb6Pc1Yd5"
	nlJWT        = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJGQUtFLXVzZXItMDEiLCJuYW1lIjoiRmFrZSJ9.Zk3Rq8Lm2Xv7Tw4Pb9Nc6Yh1Jd5Gs0Ae"
	nlDBPassword = "Hq7vL2mXz9Kr8Wt"
	nlSlackBot   = "xoxb-2847193650-4819203756-FAKEk9Lm2Qv7Rt4Wz8Kp3Nb6"
	nlSlackUser  = "xoxp-2847193650-4819203756-5930417268-FAKEa1b2c3d4e5f6a7b8c9d0e1f2a3b4"
	nlNpm        = "npm_FAKEq7Lm2Xv9Tw4Pb8Nc3Yh6Jd1Gs5Ae0Rk2"
	nlGitLab     = "glpat-FAKEx9Lm2Qv7Rt4Wz8Kp"
	nlRSAKey     = "-----BEGIN RSA PRIVATE KEY-----\n" +
		"MIIEpQIBAAKCAQEAFAKEq3Xz9Lm2Qv7Rt4Wz8Kp3Nb6Yc1Hd5Jg0Sa7Tb2Vn4Mx8Pk\n" +
		"Zr6Wq1Ls5Dh9Gf3Cj7Bv2Nx4Mp8Kt6Ry0Ue3Io5Pa9Sd1Fg7Hj2Kl4Zx6Cv8Bn0Mq\n" +
		"Wt3Ey5Ru7Ti9Yo1Up3Ia5Os7Pd9Sf1Gh3Jk5Ll7Zm9Xn1Cb3Vv5Bg7Nh9Mj1Kq3Wr\n" +
		"Ee5Tt7Yy9Uu1Ii3Oo5Pp7Aa9Ss1Dd3Ff5Gg7Hh9Jj1Kk3Ll5Zz7Xx9Cc1Vv3Bb5Nn\n" +
		"-----END RSA PRIVATE KEY-----"
	nlECKey = "-----BEGIN EC PRIVATE KEY-----\n" +
		"MHcCAQEEIFAKEk2Lm9Qv7Rt4Wz8Kp3Nb6Yc1Hd5Jg0Sa7Tb2Vn4Mx8PkoAoGCCqGSM49\n" +
		"AwEHoUQDQgAEZr6Wq1Ls5Dh9Gf3Cj7Bv2Nx4Mp8Kt6Ry0Ue3Io5Pa9Sd1Fg7Hj2Kl4\n" +
		"Zx6Cv8Bn0MqWt3Ey5Ru7Ti9Yo1Up3Ia5Os7Pd9Sf1Gh3Jk5==\n" +
		"-----END EC PRIVATE KEY-----"
)

// nlPlanted names every planted value by its kind.
var nlPlanted = map[string]string{
	"GitHub PAT": nlGitHubPAT, "GitHub PAT beside a curl password": nlCurlPAT, "curl password": nlCurlPass,
	"AWS access key id": nlAWSKeyID, "AWS secret access key": nlAWSSecret, "Stripe key": nlStripe, "JWT": nlJWT,
	"password in a URL": nlDBPassword, "Slack bot token": nlSlackBot, "Slack user token (staged)": nlSlackUser,
	"npm token": nlNpm, "GitLab PAT in a commit message": nlGitLab, "RSA private key": nlRSAKey, "EC private key": nlECKey,
}

// nlFiles is the working tree of the commit that plants the secrets.
var nlFiles = map[string]string{
	"app.py": "import os\n\nGITHUB_TOKEN = \"" + nlGitHubPAT + "\"\n\nPRIVATE_KEY = \"\"\"" + nlRSAKey + "\"\"\"\n",
	"config.js": "const stripeKey = \"" + nlStripe + "\";\nconst session = \"" + nlJWT + "\";\n" +
		"const signingKey = `" + nlECKey + "`;\nmodule.exports = { stripeKey, session, signingKey };\n",
	// Two secrets on one line each.
	"deploy.sh": "#!/bin/sh\ncurl -H \"X-Api: " + nlCurlPAT + "\" -u deploy:" + nlCurlPass + " https://api.internal.net/deploy\n" +
		"echo \"" + nlAWSKeyID + ":" + nlAWSSecret + "\" > creds\n",
	".env":   "DATABASE_URL=postgres://svc_orders:" + nlDBPassword + "@db.internal:5432/orders\nSLACK_BOT_TOKEN=" + nlSlackBot + "\n",
	".npmrc": "//registry.npmjs.org/:_authToken=" + nlNpm + "\n",
}

// nlRepo builds the repository: an initial commit, one that plants the
// secrets (and a GitLab token in its message), one more, and a staged
// file. It returns the repository and the first and last commits.
func nlRepo(t *testing.T, dir string) (repo, first, head string) {
	t.Helper()
	_, err := exec.LookPath("git")
	testenv.Require(t, err == nil, "the git binary", "apt-get install git")
	repo = filepath.Join(dir, "billing")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	env = append(env, "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir, "GIT_AUTHOR_NAME=Dev Eloper", "GIT_AUTHOR_EMAIL=dev@example.com",
		"GIT_COMMITTER_NAME=Dev Eloper", "GIT_COMMITTER_EMAIL=dev@example.com")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	write := func(files map[string]string) {
		t.Helper()
		for name, content := range files {
			if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	git("init", "-q", "-b", "main")
	write(map[string]string{"README.md": "billing\n"})
	git("add", "-A")
	git("commit", "-q", "-m", "init")
	first = git("rev-parse", "HEAD")
	write(nlFiles)
	git("add", "-A")
	git("commit", "-q", "-m", "Add deploy configuration\n\nCI uses "+nlGitLab+" for the registry.")
	write(map[string]string{"README.md": "billing service\n"})
	git("commit", "-q", "-am", "docs")
	head = git("rev-parse", "HEAD")
	write(map[string]string{"notify.env": "SLACK_USER_TOKEN=" + nlSlackUser + "\n"})
	git("add", "notify.env")
	return repo, first, head
}

// nlRun is one command run in process.
type nlRun struct {
	name  string
	args  []string
	stdin string
	chdir bool // run from the repository (the hooks use the working directory)
	aws   bool // a working AWS configuration (moto); else AWS fails as without credentials
	codes []int
	want  string // a substring of stdout+stderr that shows the command did its work
}

// TestNoSecretInAnyOutput plants fake credentials of many kinds in a
// repository (working tree, history, a commit message, the index), runs
// every command in every format and mode, and looks for each value, and for
// every 12-byte piece of it, in everything they print and write.
func TestNoSecretInAnyOutput(t *testing.T) {
	dir := t.TempDir()
	repo, first, head := nlRepo(t, dir)
	outDir := filepath.Join(dir, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}

	// Unredacted, the history and staged scans report every planted value:
	// the test would prove nothing for a value that is never found.
	var found []string
	for _, mode := range []string{"--history", "--staged"} {
		f, out, errOut := nlFactory(false)
		if code := Main([]string{"scan", mode, "--no-redact", "-f", "json", repo}, f); code != ExitLeaks {
			t.Fatalf("scan %s --no-redact: exit %d: %s", mode, code, errOut)
		}
		var fs []struct{ Secret string }
		if err := json.Unmarshal(out.Bytes(), &fs); err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			found = append(found, f.Secret)
		}
	}
	for kind, v := range nlPlanted {
		if !slices.ContainsFunc(found, func(s string) bool { return strings.Contains(s, v) }) {
			t.Errorf("the %s is not detected: the test cannot check that it is redacted", kind)
		}
	}

	var runs []nlRun
	modes := map[string][]string{"dir": nil, "history": {"--history"}, "range": {"--range", first + ".." + head}, "staged": {"--staged"}}
	for _, m := range []string{"dir", "history", "range", "staged"} {
		for _, format := range report.Formats() {
			runs = append(runs,
				nlRun{name: "scan " + m + " " + format, args: append(append([]string{"scan", "-f", format}, modes[m]...), repo), codes: []int{ExitLeaks}},
				nlRun{name: "scan " + m + " " + format + " --output", codes: []int{ExitLeaks}, want: "finding",
					args: append(append([]string{"scan", "-f", format, "-o", filepath.Join(outDir, m+"."+format)}, modes[m]...), repo)})
		}
	}
	zero := strings.Repeat("0", 40)
	runs = append(runs,
		nlRun{name: "pre-push hook", args: []string{"hook", "run-pre-push", "origin", "https://git.example.com/billing.git"},
			stdin: "refs/heads/main " + head + " refs/heads/main " + zero + "\n", chdir: true, codes: []int{ExitLeaks}, want: "push blocked"},
		nlRun{name: "pre-commit hook", args: []string{"hook", "run-pre-commit"}, chdir: true, codes: []int{ExitLeaks}, want: "commit blocked"},
		nlRun{name: "migrate plan", args: []string{"migrate", "--prefix", "billing", repo}, codes: []int{ExitLeaks}, want: "diff --git a/app.py"},
		nlRun{name: "remediate plan", args: []string{"remediate", repo}, codes: []int{ExitLeaks}, want: "planned"},
		nlRun{name: "remediate plan json", args: []string{"remediate", "-f", "json", repo}, codes: []int{ExitLeaks}, want: "planned"},
		nlRun{name: "remediate plan markdown of the history", args: []string{"remediate", "--history", "-f", "markdown", repo}, codes: []int{ExitLeaks}, want: "planned"},
		nlRun{name: "remediate plan from a report", args: []string{"remediate", "--report", filepath.Join(outDir, "dir.json"), repo}, codes: []int{ExitLeaks}, want: "planned"},
		// Last: --patch stores the secrets (in moto) and journals in the repository.
		nlRun{name: "migrate --patch", args: []string{"migrate", "--prefix", "billing", "--patch", filepath.Join(outDir, "change.patch"), repo},
			aws: true, codes: []int{ExitClean, ExitLeaks, ExitError}, want: "Patch written to"},
	)

	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			if r.chdir {
				t.Chdir(repo)
			}
			if r.aws {
				testenv.StartMoto(t)
			}
			before := nlSnapshot(t, dir)
			f, out, errOut := nlFactory(r.aws)
			f.IO.In = strings.NewReader(r.stdin)
			code := Main(r.args, f)
			text := out.String() + errOut.String()
			if !nlCodeIn(code, r.codes) || !strings.Contains(text, r.want) {
				t.Errorf("exit %d (want one of %v), output lacks %q:\n%s", code, r.codes, r.want, text)
			}
			nlAssertClean(t, "stdout", out.String())
			nlAssertClean(t, "stderr", errOut.String())
			for _, path := range nlChanged(before, nlSnapshot(t, dir)) {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				rel, _ := filepath.Rel(dir, path)
				if filepath.Base(path) == "change.patch" {
					nlCheckPatch(t, string(data))
					continue
				}
				nlAssertClean(t, rel, string(data))
			}
		})
	}
}

// nlCheckPatch checks the patch --patch writes: the user asked for it and
// `git apply` needs the old lines and their context, so values may appear
// in its removed and context lines (the code the patch applies to holds
// them); the new code and the helper files it creates hold none.
func nlCheckPatch(t *testing.T, patch string) {
	t.Helper()
	if !strings.Contains(patch, "diff --git a/app.py b/app.py") {
		t.Errorf("the patch lacks the change of app.py:\n%s", patch)
	}
	var added []string
	for _, line := range strings.Split(patch, "\n") {
		if strings.HasPrefix(line, "+") && !strings.HasPrefix(line, "+++ ") {
			added = append(added, line)
		}
	}
	nlAssertClean(t, "the patch's added lines", strings.Join(added, "\n"))
}

// nlAssertClean fails when text holds a planted value or any 12-byte piece
// of one, as is or escaped the way the formats escape text (JSON, HTML/XML,
// Go escapes of control characters).
func nlAssertClean(t *testing.T, what, text string) {
	t.Helper()
	for kind, v := range nlPlanted {
		if piece := nlLeakedPiece(text, v); piece != "" {
			t.Errorf("%s holds a 12-byte piece of the %s (piece sha256 %x)", what, kind, sha256.Sum256([]byte(piece)))
		}
	}
}

func nlLeakedPiece(text, v string) string {
	for i := 0; i+12 <= len(v); i++ {
		piece := v[i : i+12]
		js, _ := json.Marshal(piece)
		for _, form := range []string{piece, string(js[1 : len(js)-1]), html.EscapeString(piece), strings.ReplaceAll(piece, "\n", `\n`)} {
			if strings.Contains(text, form) {
				return piece
			}
		}
	}
	return ""
}

// nlFactory returns a Factory with buffered streams, an empty environment,
// no network, and AWS either failing (no credentials) or from the
// environment that testenv.StartMoto set.
func nlFactory(awsOK bool) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:     &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut},
		Now:    func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
		Getenv: func(string) string { return "" },
		HTTPClient: func() *http.Client {
			return &http.Client{Transport: nlNoNetwork{}}
		},
		AWSConfig: func(context.Context, string) (aws.Config, error) {
			return aws.Config{}, errors.New("aws config: no credentials")
		},
		Version: "test",
		Hasher:  testHasher,
	}
	if awsOK {
		f.AWSConfig = awsclient.Load
	}
	return f, &out, &errOut
}

// nlNoNetwork fails every request: plans must not need the network.
type nlNoNetwork struct{}

func (nlNoNetwork) RoundTrip(r *http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("no network in this test (%s %s)", r.Method, r.URL.Host)
}

// nlSnapshot maps every file under dir to its SHA-256.
func nlSnapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		m[path] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// nlChanged lists the files of after that are new or differ from before.
func nlChanged(before, after map[string][32]byte) []string {
	var out []string
	for p, h := range after {
		if b, ok := before[p]; !ok || b != h {
			out = append(out, p)
		}
	}
	return out
}

func nlCodeIn(code int, codes []int) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}
