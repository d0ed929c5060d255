// Command secretsweep finds hardcoded credentials, migrates them to AWS
// Secrets Manager and rotates what leaked.
package main

import (
	"os"
	"runtime/debug"

	"github.com/secretsweep/secretsweep/cmd"
	"github.com/secretsweep/secretsweep/internal/buildinfo"
)

// Set by the release build (.goreleaser.yaml) with
// -ldflags "-X main.version=… -X main.commit=… -X main.date=…"; when empty,
// buildinfo reads what the Go toolchain recorded.
var version, commit, date string

func main() {
	info := buildinfo.Resolve(version, commit, date, debug.ReadBuildInfo)
	f := cmd.NewDefaultFactory(info.Version)
	f.Build = info
	os.Exit(cmd.Main(os.Args[1:], f))
}
