package cmd

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/secretsweep/secretsweep/internal/finding"
	"github.com/secretsweep/secretsweep/migrate"
	"github.com/secretsweep/secretsweep/scanner"
	"github.com/secretsweep/secretsweep/scanner/action"
	"github.com/secretsweep/secretsweep/scanner/ghlogs"
	"github.com/secretsweep/secretsweep/scanner/hook"
)

// The tests in this file check how flags become options, without running
// any command: each command is built with a runF that captures its options
// (cli/cli's NewCmdX(f, runF) pattern).

func flagsFactory() *Factory {
	return &Factory{
		IO:     &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}},
		Now:    func() time.Time { return time.Unix(0, 0) },
		Getenv: func(string) string { return "" },
		Hasher: testHasher,
	}
}

// parseArgs builds a command with a runF that captures its options, runs
// it on args and returns the options runF received (nil when the command
// stopped before running) and the command's error.
func parseArgs[O any](t *testing.T, f *Factory, build func(*Factory, func(*O) error) *cobra.Command, args []string) (*O, error) {
	t.Helper()
	var got *O
	c := build(f, func(o *O) error {
		if got != nil {
			t.Error("runF called twice")
		}
		got = o
		return nil
	})
	c.SetArgs(args)
	c.SetIn(f.IO.In)
	c.SetOut(f.IO.Out)
	c.SetErr(f.IO.ErrOut)
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.Execute()
	if err == nil && got == nil {
		t.Fatalf("%q: no error, yet runF was not called", args)
	}
	if err != nil && got != nil {
		t.Fatalf("%q: runF was called, yet the command failed: %v", args, err)
	}
	return got, err
}

// wantFlagError checks that args are refused with an error containing
// want, before the command runs.
func wantFlagError[O any](t *testing.T, build func(*Factory, func(*O) error) *cobra.Command, args []string, want string) {
	t.Helper()
	if _, err := parseArgs(t, flagsFactory(), build, args); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("%q: error %v, want %q", args, err, want)
	}
}

func TestScanFlagsToScannerOptions(t *testing.T) {
	const mb = 1 << 20
	def := scanner.Options{Mode: scanner.ModeDir, MaxFileSize: 25 * mb, MaxDecodeDepth: scanner.DefaultMaxDecodeDepth, MaxFindingsPerFile: scanner.DefaultMaxFindingsPerFile}
	with := func(edit func(*scanner.Options)) scanner.Options {
		o := def
		edit(&o)
		return o
	}
	tests := []struct {
		name string
		args []string
		want scanner.Options
	}{
		{"defaults", nil, def},
		{"path", []string{"src"}, with(func(o *scanner.Options) { o.Path = "src" })},
		{"max-file-size 0 is no limit", []string{"--max-file-size", "0"}, with(func(o *scanner.Options) { o.MaxFileSize = -1 })},
		{"max-findings-per-file 0 is no limit", []string{"--max-findings-per-file", "0"}, with(func(o *scanner.Options) { o.MaxFindingsPerFile = -1 })},
		{"max-file-size in MB", []string{"--max-file-size", "3"}, with(func(o *scanner.Options) { o.MaxFileSize = 3 * mb })},
		{"max-decode-depth 0 is off", []string{"--max-decode-depth", "0"}, with(func(o *scanner.Options) { o.MaxDecodeDepth = 0 })},
		{"max-decode-depth 2", []string{"--max-decode-depth", "2"}, with(func(o *scanner.Options) { o.MaxDecodeDepth = 2 })},
		{"history", []string{"--history", "repo"}, with(func(o *scanner.Options) { o.Mode, o.Path = scanner.ModeHistory, "repo" })},
		{"range", []string{"--range", "main..HEAD"}, with(func(o *scanner.Options) { o.Mode, o.Range = scanner.ModeRange, "main..HEAD" })},
		{"staged", []string{"--staged"}, with(func(o *scanner.Options) { o.Mode = scanner.ModeStaged })},
		{"settings", []string{"-c", "c.toml", "--config-rev", "v1", "-b", "base.json", "--ignore-file", "ign"},
			with(func(o *scanner.Options) {
				o.ConfigPath, o.ConfigRev, o.BaselinePath, o.IgnorePath = "c.toml", "v1", "base.json", "ign"
			})},
		{"workers and symlinks", []string{"-j", "3", "--follow-symlinks"}, with(func(o *scanner.Options) { o.Workers, o.FollowSymlinks = 3, true })},
		{"min-confidence", []string{"--min-confidence", "Low"}, with(func(o *scanner.Options) { o.MinConfidence = finding.ConfidenceLow })},
		{"min-confidence high", []string{"--min-confidence=high"}, with(func(o *scanner.Options) { o.MinConfidence = finding.ConfidenceHigh })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := flagsFactory()
			o, err := parseArgs(t, f, NewCmdScan, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			got := o.scannerOptions(mustHasher(t, testKey))
			if got.Now == nil || got.Progress != nil || got.Hasher.KeyID() == "" {
				t.Errorf("clock %v, progress %v, hasher key %q: want the Factory's clock and hasher, no progress",
					got.Now != nil, got.Progress, got.Hasher.KeyID())
			}
			got.Now, got.Hasher = nil, tt.want.Hasher
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("scanner options\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestScanFlagsOutputAndVerify(t *testing.T) {
	f := flagsFactory()
	o, err := parseArgs(t, f, NewCmdScan, []string{"-f", "sarif", "-o", "out.sarif", "--no-redact", "--no-color", "--progress", "--only-verified"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Format != "sarif" || o.Output != "out.sarif" || !o.NoRedact || !o.NoColor || !o.OnlyVerified || o.Verify {
		t.Errorf("options %+v", o)
	}
	if so := o.scannerOptions(mustHasher(t, testKey)); so.Progress != f.IO.ErrOut {
		t.Errorf("--progress: progress goes to %v, want stderr", so.Progress)
	}
}

func TestScanFlagsToActionsLogsOptions(t *testing.T) {
	def := ghlogs.Options{Repo: "o/r", Runs: ghlogs.DefaultRuns, MaxDecodeDepth: scanner.DefaultMaxDecodeDepth}
	tests := []struct {
		name string
		args []string
		want ghlogs.Options
	}{
		{"defaults", nil, def},
		{"max-decode-depth 0 is off", []string{"--max-decode-depth", "0"},
			ghlogs.Options{Repo: "o/r", Runs: ghlogs.DefaultRuns}},
		{"runs, workflow, config", []string{"--runs", "3", "--workflow", "ci.yml", "-c", "c.toml", "--max-decode-depth", "1"},
			ghlogs.Options{Repo: "o/r", Runs: 3, Workflow: "ci.yml", ConfigPath: "c.toml", MaxDecodeDepth: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(t, flagsFactory(), NewCmdScan, append([]string{"--actions-logs", "o/r"}, tt.args...))
			if err != nil {
				t.Fatal(err)
			}
			got := o.ghlogsOptions(mustHasher(t, testKey))
			if got.Now == nil || got.Hasher.KeyID() == "" {
				t.Error("the Factory's clock or hasher is not passed on")
			}
			got.Now, got.Hasher = nil, tt.want.Hasher
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ghlogs options\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestScanFlagErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-file-size", "-1"}, "must not be negative"},
		{[]string{"--max-decode-depth", "-1"}, "must not be negative"},
		{[]string{"-j", "-2"}, "must not be negative"},
		{[]string{"--history", "--staged"}, "mutually exclusive"},
		{[]string{"--range", "a..b", "--history"}, "mutually exclusive"},
		{[]string{"-f", "xml"}, "xml"},
		{[]string{"--runs", "2"}, "need --actions-logs"},
		{[]string{"a", "b"}, "accepts at most 1 arg"},
		{[]string{"--max-file-size", "big"}, "invalid argument"},
		{[]string{"--min-confidence", "critical"}, "--min-confidence: invalid confidence \"critical\" (want high, medium or low)"},
	} {
		wantFlagError(t, NewCmdScan, tt.args, tt.want)
	}
}

func TestMigrateFlagsToOptions(t *testing.T) {
	def := migrateOptions{GroupBy: "none", CallsPerMonth: migrate.DefaultCallsPerSecretMonth, Branch: migrate.DefaultBranch, To: "secretsmanager", Format: "text", K8sSync: "external-secrets"}
	with := func(edit func(*migrateOptions)) migrateOptions {
		o := def
		edit(&o)
		return o
	}
	tests := []struct {
		name     string
		args     []string
		want     migrateOptions
		wantMode migrate.Mode
	}{
		{"plan by default", nil, def, migrate.ModePlan},
		{"plan", []string{"--plan", "svc"}, with(func(o *migrateOptions) { o.Plan, o.Path = true, "svc" }), migrate.ModePlan},
		{"apply", []string{"--apply"}, with(func(o *migrateOptions) { o.Apply = true }), migrate.ModeApply},
		{"patch", []string{"--patch", "x.patch"}, with(func(o *migrateOptions) { o.Patch = "x.patch" }), migrate.ModePatch},
		{"pr", []string{"--pr", "--branch", "b", "--base", "main", "--github-repo", "o/r", "--draft"},
			with(func(o *migrateOptions) {
				o.PR, o.Branch, o.Base, o.GitHubRepo, o.Draft = true, "b", "main", "o/r", true
			}), migrate.ModePR},
		{"store settings", []string{"--apply", "--prefix", "pay/prod", "--group-by", "file", "--region", "eu-west-1",
			"--replica-region", "us-east-1", "--replica-region", "us-west-2", "--kms-key-id", "alias/k", "--overwrite"},
			with(func(o *migrateOptions) {
				o.Apply, o.Prefix, o.GroupBy, o.Region, o.KMSKeyID, o.Overwrite = true, "pay/prod", "file", "eu-west-1", "alias/k", true
				o.Replicas = []string{"us-east-1", "us-west-2"}
			}), migrate.ModeApply},
		{"cost and config", []string{"--calls-per-month", "0", "-c", "c.toml", "--to", "github-secrets"},
			with(func(o *migrateOptions) { o.CallsPerMonth, o.Config, o.To = 0, "c.toml", "github-secrets" }), migrate.ModePlan},
		{"json plan", []string{"--format", "json"}, with(func(o *migrateOptions) { o.Format = "json" }), migrate.ModePlan},
		{"csi", []string{"--k8s-sync", "csi"}, with(func(o *migrateOptions) { o.K8sSync = "csi" }), migrate.ModePlan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := flagsFactory()
			o, err := parseArgs(t, f, NewCmdMigrate, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if o.f != f {
				t.Error("the options do not hold the Factory")
			}
			if o.mode() != tt.wantMode {
				t.Errorf("mode %v, want %v", o.mode(), tt.wantMode)
			}
			got := *o
			got.f = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--apply", "--pr"}, "choose one of"},
		{[]string{"--group-by", "dir"}, "--group-by must be none or file"},
		{[]string{"--to", "vault"}, "--to must be"},
		{[]string{"--calls-per-month", "-1"}, "must not be negative"},
		{[]string{"--format", "yaml"}, "unknown format"},
		{[]string{"--k8s-sync", "vault"}, "--k8s-sync must be external-secrets or csi"},
		{[]string{"--apply", "--format", "json"}, "--format json is for the plan"},
	} {
		wantFlagError(t, NewCmdMigrate, tt.args, tt.want)
	}
}

func TestRemediateFlagsToOptions(t *testing.T) {
	dir := t.TempDir()
	def := remediateOptions{Path: ".", Format: "text", StorePrefix: "secretsweep/"}
	with := func(edit func(*remediateOptions)) remediateOptions {
		o := def
		edit(&o)
		return o
	}
	tests := []struct {
		name string
		args []string
		want remediateOptions
	}{
		{"defaults", nil, def},
		{"path and history", []string{"--history", dir}, with(func(o *remediateOptions) { o.Path, o.History = dir, true })},
		{"report", []string{"--report", "r.json", "-c", "c.toml"}, with(func(o *remediateOptions) { o.Report, o.Config = "r.json", "c.toml" })},
		{"apply with selection", []string{"--apply", "--only", "aws-access-token,github-pat", "--fingerprint", "a:1", "--fingerprint", "b:2",
			"--secret-id", "s", "--audit-log", "a.jsonl", "--notify-sns", "arn:aws:sns:us-east-1:123456789012:t"},
			with(func(o *remediateOptions) {
				o.Apply, o.SecretID, o.AuditLog, o.NotifySNS = true, "s", "a.jsonl", "arn:aws:sns:us-east-1:123456789012:t"
				o.Only, o.Fingerprints = []string{"aws-access-token", "github-pat"}, []string{"a:1", "b:2"}
			})},
		{"aws settings", []string{"--plan", "--delete-inactive", "--delete-old", "--quarantine", "--region", "eu-west-1", "--store-prefix", "p/", "-f", "json"},
			with(func(o *remediateOptions) {
				o.Plan, o.DeleteInactive, o.DeleteOld, o.Quarantine, o.Region, o.StorePrefix, o.Format = true, true, true, true, "eu-west-1", "p/", "json"
			})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(t, flagsFactory(), NewCmdRemediate, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			got := *o
			got.f = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--plan", "--apply"}, "mutually exclusive"},
		{[]string{"--report", "r.json", "--history"}, "mutually exclusive"},
		{[]string{"-f", "csv"}, "unknown format"},
		{[]string{"--notify-sns", "arn"}, "needs --apply"},
		{[]string{dir + "/missing"}, "is not a directory"},
	} {
		wantFlagError(t, NewCmdRemediate, tt.args, tt.want)
	}
}

func TestActionFlagsToOptions(t *testing.T) {
	def := actionOptions{FailOnFindings: true, Comment: true, Scan: action.ScanAuto, MaxDecodeDepth: scanner.DefaultMaxDecodeDepth}
	tests := []struct {
		name string
		args []string
		want actionOptions
	}{
		{"defaults", nil, def},
		{"inputs", []string{"--config", "c.toml", "--baseline", "b.json", "--fail-on-findings=false", "--comment=false", "--verify", "--scan", "history", "--max-decode-depth", "0", "--min-confidence", "low"},
			actionOptions{Config: "c.toml", Baseline: "b.json", Verify: true, Scan: "history", MinConfidence: "low"}},
		{"empty min-confidence input", []string{"--min-confidence="}, def},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(t, flagsFactory(), NewCmdAction, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			got := *o
			got.f = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	wantFlagError(t, NewCmdAction, []string{"--max-decode-depth", "-1"}, "must not be negative")
	wantFlagError(t, NewCmdAction, []string{"extra"}, "unknown command")
	wantFlagError(t, NewCmdAction, []string{"--min-confidence", "some"}, "--min-confidence: invalid confidence")
}

func TestHookInstallFlagsToOptions(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want hookInstallOptions
	}{
		{"defaults", nil, hookInstallOptions{PrePush: true}},
		{"everything", []string{"--pre-commit", "--pre-push=false", "--chain", "-b", "base.json", "-c", "c.toml", "repo"},
			hookInstallOptions{Path: "repo", PreCommit: true, Chain: true, Baseline: "base.json", Config: "c.toml"}},
		{"force", []string{"--force"}, hookInstallOptions{PrePush: true, Force: true}},
		{"min-confidence", []string{"--min-confidence", "high"}, hookInstallOptions{PrePush: true, MinConfidence: "high"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(t, flagsFactory(), NewCmdHookInstall, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if o.Executable == nil {
				t.Error("no Executable: the hook could not name the binary")
			}
			got := *o
			got.f, got.Executable = nil, nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	wantFlagError(t, NewCmdHookInstall, []string{"--force", "--chain"}, "cannot be used together")
	wantFlagError(t, NewCmdHookInstall, []string{"--pre-push=false"}, "nothing to install")
	wantFlagError(t, NewCmdHookInstall, []string{"--min-confidence", "none"}, "--min-confidence: invalid confidence")
}

func TestHookUninstallFlagsToOptions(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{{nil, ""}, {[]string{"repo"}, "repo"}} {
		o, err := parseArgs(t, flagsFactory(), NewCmdHookUninstall, tt.args)
		if err != nil || o.Path != tt.want {
			t.Errorf("%q: path %q, %v; want %q", tt.args, o.Path, err, tt.want)
		}
	}
	wantFlagError(t, NewCmdHookUninstall, []string{"a", "b"}, "accepts at most 1 arg")
}

func TestHookRunFlagsToOptions(t *testing.T) {
	tests := []struct {
		name  string
		build func(*Factory, func(*hookRunOptions) error) *cobra.Command
		args  []string
		want  hookRunOptions
	}{
		{"pre-push from git", NewCmdHookRunPrePush, []string{"origin", "git@example.com:o/r.git"},
			hookRunOptions{Kind: hook.PrePush, Remote: "origin"}},
		{"pre-push with flags", NewCmdHookRunPrePush, []string{"-b", "base.json", "-c", "c.toml", "--", "origin"},
			hookRunOptions{Kind: hook.PrePush, Remote: "origin", Baseline: "base.json", Config: "c.toml"}},
		{"pre-push from the framework", NewCmdHookRunPrePush, nil, hookRunOptions{Kind: hook.PrePush}},
		{"pre-commit", NewCmdHookRunPreCommit, []string{"--baseline", "base.json"}, hookRunOptions{Kind: hook.PreCommit, Baseline: "base.json"}},
		{"pre-commit min-confidence", NewCmdHookRunPreCommit, []string{"--min-confidence", "low"}, hookRunOptions{Kind: hook.PreCommit, MinConfidence: "low"}},
		{"pre-push min-confidence", NewCmdHookRunPrePush, []string{"--min-confidence", "high", "origin"}, hookRunOptions{Kind: hook.PrePush, Remote: "origin", MinConfidence: "high"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(t, flagsFactory(), tt.build, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			got := *o
			got.f = nil
			if got.Scan != nil {
				t.Error("Scan is set: the hook would not run the real scanner")
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("options\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
	wantFlagError(t, NewCmdHookRunPreCommit, []string{"origin"}, "accepts at most 0 arg")
	wantFlagError(t, NewCmdHookRunPrePush, []string{"a", "b", "c"}, "accepts at most 2 arg")
	wantFlagError(t, NewCmdHookRunPreCommit, []string{"--min-confidence", "x"}, "--min-confidence: invalid confidence")
}
