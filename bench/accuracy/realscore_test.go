package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestEvaluateReal(t *testing.T) {
	const c = "0123456789012345678901234567890123456789"
	labels := []RealLabel{
		{Repo: "o/a", Commit: c, Path: ".env", Line: 2, Category: "weak-password", Label: true, Why: "db password"},
		{Repo: "o/a", Commit: c, Path: ".env", Line: 3, Category: "weak-password", Label: false, Why: "placeholder"},
		{Repo: "o/a", Commit: c, Path: "key.pem", Line: 1, End: 27, Category: "private-key", Label: true, Why: "rsa key"},
		{Repo: "o/b", Commit: c, Path: ".env", Line: 2, Category: "weak-password", Label: true, Why: "same path, other repo"},
		{Repo: "o/b", Commit: c, Path: "app.js", Line: 9, Category: "generic-assignment", Label: false, Why: "expression"},
	}
	f := func(repo, file string, start, end int, rule string) RealFinding {
		return RealFinding{Repo: repo, Finding: Finding{File: file, StartLine: start, EndLine: end, RuleID: rule}}
	}
	tests := []struct {
		name       string
		findings   []RealFinding
		overall    Score
		weak       Score
		unlabelled []string
		missed     int
		falsePos   int
	}{
		{
			name:    "nothing reported",
			overall: Score{Positives: 3, Negatives: 2},
			weak:    Score{Positives: 2, Negatives: 1},
			missed:  3,
		},
		{
			name: "two rules on one line count once; the repo is part of the key",
			findings: []RealFinding{
				f("o/a", ".env", 2, 2, "r1"), f("o/a", ".env", 2, 2, "r2"),
			},
			overall: Score{Positives: 3, Negatives: 2, Found: 1, TP: 1},
			weak:    Score{Positives: 2, Negatives: 1, Found: 1, TP: 1},
			missed:  2,
		},
		{
			name: "a finding inside a multi-line label matches it",
			findings: []RealFinding{
				f("o/a", "key.pem", 2, 26, "pem-body"),
				f("o/a", "key.pem", 27, 27, "pem-end"),
			},
			overall: Score{Positives: 3, Negatives: 2, Found: 1, TP: 2},
			weak:    Score{Positives: 2, Negatives: 1},
			missed:  2,
		},
		{
			name: "a multi-line finding matches the label on its first line; false and unlabelled lines",
			findings: []RealFinding{
				f("o/a", "key.pem", 1, 27, "private-key"),
				f("o/a", ".env", 3, 3, "r1"),
				f("o/b", "app.js", 9, 0, "r1"), // EndLine unset
				f("o/b", "app.js", 10, 10, "r1"),
				f("o/b", "app.js", 10, 10, "r2"),
			},
			overall:    Score{Positives: 3, Negatives: 2, Found: 1, TP: 1, FP: 2},
			weak:       Score{Positives: 2, Negatives: 1, FP: 1},
			unlabelled: []string{"o/b:app.js:10"},
			missed:     2,
			falsePos:   2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := evaluateReal(tt.findings, labels)
			if ev.Overall != tt.overall {
				t.Errorf("overall = %+v, want %+v", ev.Overall, tt.overall)
			}
			if got := *ev.ByCategory["weak-password"]; got != tt.weak {
				t.Errorf("weak-password = %+v, want %+v", got, tt.weak)
			}
			var unl []string
			for _, k := range ev.Unlabelled {
				unl = append(unl, k.String())
			}
			if strings.Join(unl, ",") != strings.Join(tt.unlabelled, ",") {
				t.Errorf("unlabelled = %v, want %v", unl, tt.unlabelled)
			}
			if len(ev.Missed) != tt.missed || len(ev.FalsePos) != tt.falsePos {
				t.Errorf("missed %d, false positives %d; want %d, %d", len(ev.Missed), len(ev.FalsePos), tt.missed, tt.falsePos)
			}
		})
	}
}

func TestPrintRealTable(t *testing.T) {
	labels := []RealLabel{
		{Repo: "o/a", Path: "x", Line: 1, Category: "weak-password", Label: true},
		{Repo: "o/a", Path: "x", Line: 2, Category: "weak-password", Label: false},
	}
	hit := evaluateReal([]RealFinding{{Repo: "o/a", Finding: Finding{File: "x", StartLine: 1}}, {Repo: "o/a", Finding: Finding{File: "x", StartLine: 2}}}, labels)
	none := evaluateReal(nil, labels)
	var buf bytes.Buffer
	printRealTable(&buf, []string{"one", "two"}, []*RealEval{hit, none})
	for _, want := range []string{"weak-password", "1.00 / 0.50 (1)", "0.00 / 1.00 (0)", "OVERALL"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestLoadRealCorpus(t *testing.T) {
	const c = "0123456789012345678901234567890123456789"
	repos := `[{"repo":"o/a","commit":"` + c + `","kind":"k"}]`
	label := func(commit, extra string) string {
		return `{"repo":"o/a","commit":"` + commit + `","path":"p","line":1,"category":"c","label":true,"why":"w"` + extra + `}`
	}
	tests := []struct {
		name, repos, labels, wantErr string
	}{
		{"valid", repos, "[" + label(c, "") + "]", ""},
		{"other commit", repos, "[" + label(strings.Repeat("f", 40), "") + "]", "repos.json says"},
		{"unknown repo", repos, `[{"repo":"o/z","commit":"` + c + `","path":"p","line":1,"category":"c","label":true,"why":"w"}]`, "not in repos.json"},
		{"line labelled twice", repos, "[" + label(c, "") + "," + label(c, "") + "]", "labelled twice"},
		{"no reason", repos, `[{"repo":"o/a","commit":"` + c + `","path":"p","line":1,"category":"c","label":true}]`, "why are required"},
		{"unknown field (a secret must not be stored)", repos, "[" + label(c, `,"secret":"x"`) + "]", "unknown field"},
		{"short commit", `[{"repo":"o/a","commit":"abc"}]`, "[]", "40-hex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "repos.json"), []byte(tt.repos), 0o644)
			os.WriteFile(filepath.Join(dir, "labels.json"), []byte(tt.labels), 0o644)
			_, _, err := loadRealCorpus(dir)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestRealCorpusFile checks the committed real-code corpus loads and is as
// large and varied as promised.
func TestRealCorpusFile(t *testing.T) {
	repos, labels, err := loadRealCorpus("realcode")
	if err != nil {
		t.Fatal(err)
	}
	pos, neg := 0, 0
	for _, l := range labels {
		if l.Label {
			pos++
		} else {
			neg++
		}
	}
	if len(repos) < 12 || len(labels) < 400 || pos < 100 || neg < 100 {
		t.Errorf("%d repositories, %d labels (%d true, %d false); want >= 12 repositories, >= 400 labels, >= 100 of each", len(repos), len(labels), pos, neg)
	}
}

// TestMaterialise writes a mirrored repository's tree at a commit, without
// .git, and reuses it on the second call.
func TestMaterialise(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is required")
	}
	tmp := t.TempDir()
	src := filepath.Join(tmp, "src")
	run := func(dir string, args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t.invalid", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t.invalid")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	os.MkdirAll(filepath.Join(src, "conf"), 0o755)
	run(tmp, "init", "-q", src)
	os.WriteFile(filepath.Join(src, "conf", "app.env"), []byte("A=1\nB=2\n"), 0o644)
	run(src, "add", ".")
	run(src, "commit", "-q", "-m", "one")
	first := run(src, "rev-parse", "HEAD")
	os.WriteFile(filepath.Join(src, "conf", "app.env"), []byte("changed\n"), 0o644)
	run(src, "commit", "-q", "-am", "two")
	mirror := filepath.Join(tmp, "mirror")
	run(tmp, "clone", "-q", "--bare", src, filepath.Join(mirror, "o+a", "repo"))

	r := Repo{Name: "o/a", Commit: first}
	work := filepath.Join(tmp, "work")
	dir, err := materialise(context.Background(), r, mirror, work)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "conf", "app.env"))
	if err != nil || string(got) != "A=1\nB=2\n" {
		t.Fatalf("conf/app.env = %q, %v; want the first commit's content", got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); !os.IsNotExist(err) {
		t.Errorf("tree has a .git: %v", err)
	}
	os.RemoveAll(mirror) // the second call must not need the mirror
	if again, err := materialise(context.Background(), r, mirror, work); err != nil || again != dir {
		t.Fatalf("second materialise = %q, %v; want %q reused", again, err, dir)
	}
}
