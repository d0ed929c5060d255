// Package buildinfo says which build of secretsweep is running: version,
// commit and date, stamped by the release build with -ldflags -X, else read
// from what the Go toolchain records in every binary
// (runtime/debug.ReadBuildInfo): the module version for
// "go install …@v1.2.3", vcs.revision and vcs.time for a build in a checkout.
package buildinfo

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Info identifies a build. Empty fields are unknown.
type Info struct {
	Version string
	Commit  string
	Date    string
}

// Unknown is the version of a build that recorded none.
const Unknown = "dev"

// Resolve returns the stamped values (main's -X variables), each one that
// is empty filled from read (debug.ReadBuildInfo; nil: none). Version is
// never empty: Unknown when nothing says more.
func Resolve(version, commit, date string, read func() (*debug.BuildInfo, bool)) Info {
	i := Info{Version: version, Commit: commit, Date: date}
	var bi *debug.BuildInfo
	if read != nil {
		bi, _ = read()
	}
	if bi != nil {
		if i.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			i.Version = bi.Main.Version
		}
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if i.Commit == "" {
					i.Commit = s.Value
				}
			case "vcs.time":
				if i.Date == "" {
					i.Date = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && commit == "" && i.Commit != "" {
			i.Commit += "-dirty"
		}
	}
	if i.Version == "" {
		i.Version = Unknown
	}
	return i
}

// String is the one line "secretsweep version" and "--version" print
// after the program's name: "v1.2.3 (commit 0123abc, built 2026-01-02T03:04:05Z)".
func (i Info) String() string {
	var extra []string
	if i.Commit != "" {
		extra = append(extra, "commit "+i.Commit)
	}
	if i.Date != "" {
		extra = append(extra, "built "+i.Date)
	}
	if len(extra) == 0 {
		return i.Version
	}
	return fmt.Sprintf("%s (%s)", i.Version, strings.Join(extra, ", "))
}
