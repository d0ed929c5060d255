package hook

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const foreignHook = "#!/bin/sh\necho foreign\n"

func TestHookInstall(t *testing.T) {
	ours, err := Script(PrePush, ScriptOptions{Exe: "/old/secretsweep"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		existing    map[string]string // file name -> content in the hooks dir
		symlink     bool              // pre-push is a symlink to a foreign script
		force       bool
		chain       bool
		wantAction  Action
		wantErr     error
		wantChained string // content expected in pre-push.secretsweep-chained
	}{
		{name: "fresh", wantAction: Installed},
		{name: "hooks dir missing is created", existing: nil, wantAction: Installed},
		{name: "our script is updated", existing: map[string]string{"pre-push": ours}, wantAction: Updated},
		{name: "foreign hook refused", existing: map[string]string{"pre-push": foreignHook}, wantErr: ErrHookExists},
		{name: "foreign hook replaced with force", existing: map[string]string{"pre-push": foreignHook}, force: true, wantAction: Replaced},
		{name: "foreign hook chained", existing: map[string]string{"pre-push": foreignHook}, chain: true, wantAction: Chained, wantChained: foreignHook},
		{name: "symlinked hook chained", symlink: true, chain: true, wantAction: Chained, wantChained: foreignHook},
		{name: "symlinked hook refused", symlink: true, wantErr: ErrHookExists},
		{
			name:     "chain refused when a chained hook is already there",
			existing: map[string]string{"pre-push": foreignHook, "pre-push.secretsweep-chained": "#!/bin/sh\n"},
			chain:    true, wantErr: ErrHookExists,
		},
		{
			name:     "reinstall over a chained install keeps the chained hook",
			existing: map[string]string{"pre-push": ours, "pre-push.secretsweep-chained": foreignHook},
			chain:    true, wantAction: Updated, wantChained: foreignHook,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "hooks")
			for name, content := range tt.existing {
				writeFile(t, filepath.Join(dir, name), content)
			}
			if tt.symlink {
				target := filepath.Join(t.TempDir(), "managed-pre-push")
				writeFile(t, target, foreignHook)
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(target, filepath.Join(dir, "pre-push")); err != nil {
					t.Fatal(err)
				}
			}
			path, action, err := Install(InstallOptions{
				HooksDir: dir, Kind: PrePush, Force: tt.force, Chain: tt.chain,
				Script: ScriptOptions{Exe: "/new/secretsweep"},
			})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if got, _ := os.ReadFile(path); IsOurs(got) {
					t.Error("refused install still wrote our script")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if action != tt.wantAction {
				t.Errorf("action = %s, want %s", action, tt.wantAction)
			}
			st, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			if !st.Mode().IsRegular() || st.Mode().Perm()&0o111 == 0 {
				t.Errorf("hook mode = %v, want an executable regular file", st.Mode())
			}
			got, _ := os.ReadFile(path)
			if !IsOurs(got) || !strings.Contains(string(got), "/new/secretsweep") {
				t.Errorf("hook is not our new script:\n%s", got)
			}
			chained, err := os.ReadFile(filepath.Join(dir, PrePush.ChainedName()))
			if tt.wantChained == "" {
				if err == nil {
					t.Errorf("unexpected chained hook: %q", chained)
				}
			} else if string(chained) != tt.wantChained {
				t.Errorf("chained hook = %q (%v), want %q", chained, err, tt.wantChained)
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*"))
			if len(leftovers) > 0 {
				t.Errorf("temporary files left: %v", leftovers)
			}
		})
	}
}

func TestHookUninstall(t *testing.T) {
	ours, err := Script(PrePush, ScriptOptions{Exe: "/bin/secretsweep"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		existing   map[string]string
		wantAction Action
		want       map[string]string // expected files afterwards ("" = absent)
	}{
		{name: "absent", wantAction: Absent, want: map[string]string{"pre-push": ""}},
		{name: "ours removed", existing: map[string]string{"pre-push": ours}, wantAction: Removed, want: map[string]string{"pre-push": ""}},
		{name: "foreign left alone", existing: map[string]string{"pre-push": foreignHook}, wantAction: NotOurs, want: map[string]string{"pre-push": foreignHook}},
		{
			name:       "chained hook restored",
			existing:   map[string]string{"pre-push": ours, "pre-push.secretsweep-chained": foreignHook},
			wantAction: Restored,
			want:       map[string]string{"pre-push": foreignHook, "pre-push.secretsweep-chained": ""},
		},
		{
			name:       "other hooks untouched",
			existing:   map[string]string{"pre-push": ours, "post-merge": foreignHook},
			wantAction: Removed,
			want:       map[string]string{"pre-push": "", "post-merge": foreignHook},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.existing {
				writeFile(t, filepath.Join(dir, name), content)
			}
			_, action, err := Uninstall(dir, PrePush)
			if err != nil {
				t.Fatal(err)
			}
			if action != tt.wantAction {
				t.Errorf("action = %s, want %s", action, tt.wantAction)
			}
			for name, want := range tt.want {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if want == "" {
					if err == nil {
						t.Errorf("%s still exists", name)
					}
					continue
				}
				if string(got) != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o755); err != nil {
		t.Fatal(err)
	}
}
