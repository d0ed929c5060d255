package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	checkout := &debug.BuildInfo{Main: debug.Module{Path: "github.com/secretsweep/secretsweep", Version: "(devel)"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
			{Key: "vcs.modified", Value: "false"},
		}}
	dirty := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}}
	installed := &debug.BuildInfo{Main: debug.Module{Path: "github.com/secretsweep/secretsweep", Version: "v1.2.3"}}
	tests := []struct {
		name                  string
		version, commit, date string
		bi                    *debug.BuildInfo
		want                  Info
		line                  string
	}{
		{name: "release build: ldflags win", version: "1.4.0", commit: "feedface", date: "2026-12-06T00:00:00Z", bi: checkout,
			want: Info{"1.4.0", "feedface", "2026-12-06T00:00:00Z"}, line: "1.4.0 (commit feedface, built 2026-12-06T00:00:00Z)"},
		{name: "go install @v1.2.3", bi: installed, want: Info{Version: "v1.2.3"}, line: "v1.2.3"},
		{name: "checkout build", bi: checkout,
			want: Info{"dev", "0123456789abcdef0123456789abcdef01234567", "2026-12-01T10:00:00Z"},
			line: "dev (commit 0123456789abcdef0123456789abcdef01234567, built 2026-12-01T10:00:00Z)"},
		{name: "checkout with changes", bi: dirty, want: Info{Version: "dev", Commit: "abc-dirty"}, line: "dev (commit abc-dirty)"},
		{name: "only version stamped", version: "2.0.0", bi: checkout,
			want: Info{"2.0.0", "0123456789abcdef0123456789abcdef01234567", "2026-12-01T10:00:00Z"},
			line: "2.0.0 (commit 0123456789abcdef0123456789abcdef01234567, built 2026-12-01T10:00:00Z)"},
		{name: "no build info", want: Info{Version: "dev"}, line: "dev"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read := func() (*debug.BuildInfo, bool) { return tt.bi, tt.bi != nil }
			got := Resolve(tt.version, tt.commit, tt.date, read)
			if got != tt.want {
				t.Errorf("Resolve = %+v, want %+v", got, tt.want)
			}
			if s := got.String(); s != tt.line {
				t.Errorf("String = %q, want %q", s, tt.line)
			}
		})
	}
}
