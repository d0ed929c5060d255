package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestGitLabTemplate checks templates/secretsweep.yml: the job's command
// parses as a range scan in the gitlab format, on merge requests, and the
// report it writes is the one uploaded as GitLab's secret-detection report.
func TestGitLabTemplate(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "templates", "secretsweep.yml"))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	var header struct {
		Spec struct {
			Inputs map[string]struct {
				Default *string `yaml:"default"`
			} `yaml:"inputs"`
		} `yaml:"spec"`
	}
	var jobs map[string]struct {
		Stage     string            `yaml:"stage"`
		Variables map[string]string `yaml:"variables"`
		Rules     []struct {
			If string `yaml:"if"`
		} `yaml:"rules"`
		Script    []string `yaml:"script"`
		Artifacts struct {
			When    string            `yaml:"when"`
			Reports map[string]string `yaml:"reports"`
		} `yaml:"artifacts"`
	}
	if err := dec.Decode(&header); err != nil {
		t.Fatal(err)
	}
	if err := dec.Decode(&jobs); err != nil {
		t.Fatal(err)
	}
	job, ok := jobs["secretsweep"]
	if !ok || len(job.Script) != 1 {
		t.Fatalf("want a secretsweep job with one script line: %+v", jobs)
	}
	// The component's inputs, as GitLab interpolates them with their defaults.
	line := job.Script[0]
	for name, in := range header.Spec.Inputs {
		if in.Default == nil {
			t.Errorf("input %s has no default", name)
			continue
		}
		line = strings.ReplaceAll(line, "$[[ inputs."+name+" ]]", *in.Default)
	}
	if strings.Contains(line, "$[[") {
		t.Fatalf("an input is not declared: %s", line)
	}
	line = strings.NewReplacer("${CI_MERGE_REQUEST_DIFF_BASE_SHA}", "base", "${CI_COMMIT_SHA}", "tip").Replace(line)
	// The script quotes only the range (no spaces inside): split on spaces.
	args := strings.Fields(strings.ReplaceAll(line, `"`, ""))
	if len(args) < 2 || args[0] != "secretsweep" || args[1] != "scan" {
		t.Fatalf("not a scan: %q", args)
	}
	opts, err := parseArgs(t, flagsFactory(), NewCmdScan, args[2:])
	if err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	if opts.Range != "base..tip" || opts.Format != "gitlab" {
		t.Errorf("range %q, format %q: want base..tip in the gitlab format", opts.Range, opts.Format)
	}
	if got := job.Artifacts.Reports["secret_detection"]; got == "" || got != opts.Output {
		t.Errorf("the scan writes %q, the job uploads %q as its secret_detection report", opts.Output, got)
	}
	if job.Artifacts.When != "always" {
		t.Errorf("artifacts when %q: a job that found leaks fails, and its report must be uploaded all the same", job.Artifacts.When)
	}
	if len(job.Rules) != 1 || !strings.Contains(job.Rules[0].If, `$CI_PIPELINE_SOURCE == "merge_request_event"`) {
		t.Errorf("rules %+v: want merge request pipelines", job.Rules)
	}
	if job.Variables["GIT_DEPTH"] != "0" {
		t.Errorf("GIT_DEPTH %q: the range scan needs the merge base", job.Variables["GIT_DEPTH"])
	}
}
