package cmd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/secretsweep/secretsweep/internal/buildinfo"
)

func TestVersion(t *testing.T) {
	stamped := buildinfo.Info{Version: "1.4.0", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-12-06T00:00:00Z"}
	tests := []struct {
		name    string
		version string
		build   buildinfo.Info
		want    string
	}{
		{name: "stamped", version: "1.4.0", build: stamped,
			want: "secretsweep 1.4.0 (commit 0123456789abcdef0123456789abcdef01234567, built 2026-12-06T00:00:00Z)\n"},
		{name: "version only", version: "v1.2.3", want: "secretsweep v1.2.3\n"},
		{name: "nothing", want: "secretsweep dev\n"},
	}
	for _, tt := range tests {
		for _, args := range [][]string{{"version"}, {"--version"}} {
			t.Run(tt.name+" "+args[0], func(t *testing.T) {
				out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
				f := &Factory{IO: &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut}, Version: tt.version, Build: tt.build}
				if code := Main(args, f); code != ExitClean {
					t.Fatalf("exit %d, stderr %q", code, errOut)
				}
				if out.String() != tt.want {
					t.Errorf("stdout %q, want %q", out, tt.want)
				}
			})
		}
	}
}

func TestVersionRefusesArgs(t *testing.T) {
	errOut := &bytes.Buffer{}
	f := &Factory{IO: &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: errOut}}
	if code := Main([]string{"version", "extra"}, f); code != ExitError {
		t.Fatalf("exit %d, want %d", code, ExitError)
	}
}
