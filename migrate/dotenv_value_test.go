package migrate

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsweep/secretsweep/internal/finding"
)

// TestDotenvStoresWhatTheShellReads: a .env value with shell escapes is
// stored as a shell sourcing the file reads it, not with its backslashes.
func TestDotenvStoresWhatTheShellReads(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is needed to read the .env file as a shell does")
	}
	cases := []struct{ name, raw, quoted string }{
		{"DB_PASSWORD", `q7W#e9R!t2Y\$u4I_FAKE`, `"q7W#e9R!t2Y\$u4I_FAKE"`},
		{"QUOTED", `FAKE\"pw\\x_01`, `"FAKE\"pw\\x_01"`},
		{"SINGLE", `FAKE\$lit_02`, `'FAKE\$lit_02'`},
		{"BARE", `FAKE_bare_03`, `FAKE_bare_03 # a comment`},
	}
	api, _ := startMoto(t)
	dir := filepath.Join(t.TempDir(), "shop")
	var content strings.Builder
	var fs []finding.Finding
	for i, c := range cases {
		line := c.name + "=" + c.quoted
		content.WriteString(line + "\n")
		fs = append(fs, finding.Finding{File: ".env", RuleID: "generic-api-key", Secret: c.raw, StartLine: i + 1,
			Line: line, Fingerprint: ".env:generic-api-key:" + c.name})
	}
	writeTestFile(t, filepath.Join(dir, ".env"), content.String(), 0o644)
	// What a shell reads, before the file is rewritten.
	want := map[string]string{}
	for _, c := range cases {
		cmd := exec.Command(bash, "-c", `set -a; . ./.env; printf %s "$`+c.name+`"`)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("bash: %v", err)
		}
		want[c.name] = string(out)
	}
	out, _, err := runMigrate(t, dir, ModeApply, api, func(o *Options) { o.Scan = scanReturning(fs...) })
	if err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	for _, c := range cases {
		v, err := api.GetSecretValue(context.Background(), &sm.GetSecretValueInput{SecretId: aws.String("shop/" + c.name)})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := aws.ToString(v.SecretString); got != want[c.name] {
			t.Errorf("%s: stored value differs from what the shell reads (stored %d bytes, shell %d bytes)", c.name, len(got), len(want[c.name]))
		}
	}
}
