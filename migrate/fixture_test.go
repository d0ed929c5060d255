package migrate

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	git "github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/secretsweep/secretsweep/internal/awsclient"
	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/internal/testenv"
	"github.com/secretsweep/secretsweep/migrate/gitops"
	"github.com/secretsweep/secretsweep/scanner"
)

// Fake credentials of the fixture project: syntactically valid for the
// detectors, obviously fake.
const (
	fxStripe    = "sk_live_FAKE51H8xEXAMPLEq7wKj3Lm9PzR2tY6uV"
	fxGitHub    = "ghp_FAKE0123456789abcdefEXAMPLExyzABCDEF"
	fxSlackBot  = "xoxb-123456789012-1234567890123-FAKEexampleTOKENabcdEFGH"
	fxSlackUser = "xoxp-123456789012-1234567890123-1234567890123-FAKEexample0123456789abcdefABCD"
	fxNPM       = "npm_FAKEexampleTOKEN0123456789abcdefEXAM"
	fxWebhook   = "https://hooks.slack.com/services/T00000000/B00000000/FAKEEXAMPLEabcdefghij12"
)

var fxValues = []string{fxStripe, fxGitHub, fxSlackBot, fxSlackUser, fxNPM, fxWebhook}

// fxFiles is a small multi-language service: Go, Python, JavaScript, a
// .env file, a GitHub Actions workflow and a Dockerfile (no rewriter).
var fxFiles = map[string]string{
	"svc/main.go": `package main

import "fmt"

// stripeKey is the live key. TODO: move it out of the code.
const stripeKey = "` + fxStripe + `"

var githubToken = "` + fxGitHub + `"

func main() {
	fmt.Println("stripe:", stripeKey)
	fmt.Println("github:", githubToken)
}
`,
	".env": "# local settings — ünïcode comment\nGITHUB_TOKEN=" + fxGitHub + "\nLOG_LEVEL=debug\n",
	"app/settings.py": `import os

SLACK_BOT_TOKEN = "` + fxSlackBot + `"
DEBUG = os.getenv("DEBUG") == "1"

if __name__ == "__main__":
    print("slack:", SLACK_BOT_TOKEN)
`,
	"web/client.js": `const slackUserToken = "` + fxSlackUser + `";

module.exports = { slackUserToken };

if (require.main === module) {
  console.log("slack:", slackUserToken);
}
`,
	".github/workflows/deploy.yml": `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: publish
        env:
          NPM_TOKEN: ` + fxNPM + `
        run: npm publish
`,
	"Dockerfile": "FROM alpine:3.20\nENV SLACK_WEBHOOK=" + fxWebhook + "\nCMD [\"/app\"]\n",
	"README.md":  "# payments\n\nNothing secret here.\n",
}

// fxNames are the secret names migrate gives the fixture's values with
// the prefix "payments" (the same GitHub token in .env and Go is one secret).
var fxNames = map[string]string{
	"payments/stripeKey":       fxStripe,
	"payments/GITHUB_TOKEN":    fxGitHub,
	"payments/SLACK_BOT_TOKEN": fxSlackBot,
	"payments/slackUserToken":  fxSlackUser,
	"payments/NPM_TOKEN":       fxNPM,
	"payments/SLACK_WEBHOOK":   fxWebhook,
}

// newFixture writes the fixture project into a new git repository (one
// commit, origin on GitHub) and returns its root.
func newFixture(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "payments")
	for name, content := range fxFiles {
		writeTestFile(t, filepath.Join(dir, name), content, 0o644)
	}
	if err := os.Chmod(filepath.Join(dir, "app/settings.py"), 0o755); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.CreateRemote(&gitconfig.RemoteConfig{Name: "origin", URLs: []string{"https://github.com/acme/payments.git"}}); err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	if err := wt.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "dev", Email: "dev@example.com", When: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	if _, err := wt.Commit("initial", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeTestFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// snapshot maps every file under dir (but .git/objects) to its mode and
// content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if rel == filepath.Join(".git", "objects") {
				return filepath.SkipDir
			}
			return nil
		}
		st, _ := d.Info()
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out[filepath.ToSlash(rel)] = st.Mode().String() + "\n" + string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffSnapshots lists the paths that differ.
func diffSnapshots(a, b map[string]string) []string {
	var out []string
	for k, v := range a {
		if b[k] != v {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// assertNoValues fails when text holds any fixture value.
func assertNoValues(t *testing.T, what, text string) {
	t.Helper()
	for _, v := range fxValues {
		if strings.Contains(text, v) {
			t.Errorf("%s holds the secret value with hash %s", what, shortHash(v))
		}
	}
}

// startMoto starts moto and returns a Secrets Manager client aimed at it.
func startMoto(t *testing.T) (*sm.Client, *testenv.Moto) {
	t.Helper()
	m := testenv.StartMoto(t)
	cfg, err := awsclient.Load(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return sm.NewFromConfig(cfg), m
}

// testKey is the (fake) hash key of the tests; testHasher uses it, and the
// CLI gets it through SECRETSWEEP_HASH_KEY.
var testKey = bytes.Repeat([]byte{0x6d}, 32)

var testHasher = func() finding.Hasher {
	h, err := finding.NewHasher(testKey)
	if err != nil {
		panic(err)
	}
	return h
}()

// shortHash names a value in test messages.
func shortHash(v string) string { return finding.ShortHash(testHasher.Sum(v)) }

// testScan is the scan `secretsweep migrate` wires in (cmd/migrate.go).
func testScan(ctx context.Context, r ScanRequest) (*finding.Result, error) {
	return scanner.Scan(ctx, scanner.Options{Path: r.Path, Mode: scanner.ModeDir, ConfigPath: r.ConfigPath, Hasher: r.Hasher,
		MaxDecodeDepth: scanner.DefaultMaxDecodeDepth,
		// Fixture values carry FAKE/DEMO markers, which the scorer rates
		// low; these tests are about migrating, not about the threshold.
		MinConfidence: finding.ConfidenceLow})
}

// testPR is --pr's configuration as `secretsweep migrate` builds it.
func testPR(o gitops.PROptions) PROptions {
	return PROptions{Branch: DefaultBranch, Start: StartWith(o.Start)}
}

// runMigrate runs a migration of dir and returns its output.
func runMigrate(t *testing.T, dir string, mode Mode, api SecretsAPI, edit func(*Options)) (string, *Summary, error) {
	t.Helper()
	var out bytes.Buffer
	o := Options{Path: dir, Mode: mode, Region: "us-east-1", Secrets: api, Out: &out,
		Now: func() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }, Hasher: testHasher,
		Scan: testScan, Git: gitops.Git{}}
	if edit != nil {
		edit(&o)
	}
	sum, err := Run(context.Background(), o)
	assertNoValues(t, "migrate output", out.String())
	return out.String(), sum, err
}

// secretValue returns the AWSCURRENT (or stage) value of name, "" if absent.
func secretValue(t *testing.T, api *sm.Client, name, stage string) string {
	t.Helper()
	in := &sm.GetSecretValueInput{SecretId: aws.String(name)}
	if stage != "" {
		in.VersionStage = aws.String(stage)
	}
	out, err := api.GetSecretValue(context.Background(), in)
	var nf *smtypes.ResourceNotFoundException
	if errors.As(err, &nf) {
		return ""
	}
	if err != nil {
		t.Fatalf("get %s: %v", name, err)
	}
	return aws.ToString(out.SecretString)
}

// secretsInMoto maps each secret name to its tags.
func secretsInMoto(t *testing.T, api *sm.Client) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	p := sm.NewListSecretsPaginator(api, &sm.ListSecretsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range page.SecretList {
			tags := map[string]string{}
			for _, tg := range s.Tags {
				tags[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
			}
			out[aws.ToString(s.Name)] = tags
		}
	}
	return out
}

// versionCount is the number of versions a secret has.
func versionCount(t *testing.T, api *sm.Client, name string) int {
	t.Helper()
	out, err := api.ListSecretVersionIds(context.Background(), &sm.ListSecretVersionIdsInput{SecretId: aws.String(name), IncludeDeprecated: aws.Bool(true)})
	if err != nil {
		t.Fatalf("versions of %s: %v", name, err)
	}
	return len(out.Versions)
}

// scanFixture returns the findings left in dir, as file -> values.
func scanFixture(t *testing.T, dir string) map[string][]string {
	t.Helper()
	res, err := scanner.Scan(context.Background(), scanner.Options{Path: dir, Mode: scanner.ModeDir})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, f := range res.Findings {
		out[filepath.ToSlash(f.File)] = append(out[filepath.ToSlash(f.File)], f.Secret)
	}
	return out
}

func createInput(name, value string) *sm.CreateSecretInput {
	return &sm.CreateSecretInput{Name: aws.String(name), SecretString: aws.String(value)}
}
