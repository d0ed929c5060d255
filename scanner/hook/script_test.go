package hook

import (
	"os/exec"
	"strings"
	"testing"
)

func TestHookScriptGolden(t *testing.T) {
	tests := []struct {
		golden string
		kind   Kind
		opts   ScriptOptions
	}{
		{"pre-push.sh", PrePush, ScriptOptions{Exe: "/opt/secret sweep/bin/secretsweep"}},
		{"pre-push-args.sh", PrePush, ScriptOptions{Exe: "/usr/local/bin/secretsweep", Args: []string{"--baseline", "/repo/it's.json"}}},
		{"pre-commit.sh", PreCommit, ScriptOptions{Exe: "/usr/local/bin/secretsweep"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			s, err := Script(tt.kind, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !IsOurs([]byte(s)) {
				t.Error("script lacks the marker")
			}
			golden(t, tt.golden, s)
			if sh, err := exec.LookPath("sh"); err == nil {
				if out, err := exec.Command(sh, "-n", "-c", s).CombinedOutput(); err != nil {
					t.Errorf("sh -n: %v\n%s", err, out)
				}
			}
		})
	}
}

func TestHookIsOurs(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"ours", "#!/bin/sh\n" + Marker + " pre-push\n", true},
		{"foreign", "#!/bin/sh\nexec husky\n", false},
		{"marker deep in file is not ours", "#!/bin/sh\n" + strings.Repeat("echo\n", 10) + Marker + "\n", false},
		{"mention is not ours", "#!/bin/sh\n# calls secretsweep-hook: later\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsOurs([]byte(tt.in)); got != tt.want {
				t.Errorf("IsOurs = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHookShellQuote(t *testing.T) {
	tests := map[string]string{
		"/usr/bin/secretsweep": "/usr/bin/secretsweep",
		"/a b/c":               "'/a b/c'",
		"it's":                 `'it'\''s'`,
		"":                     "''",
		"$(rm -rf /)":          "'$(rm -rf /)'",
	}
	for in, want := range tests {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestHookParseKind(t *testing.T) {
	for _, k := range Kinds() {
		got, err := ParseKind(string(k))
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
	}
	if _, err := ParseKind("post-merge"); err == nil {
		t.Error("ParseKind(post-merge): want error")
	}
}
