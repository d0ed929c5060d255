// Command secretsweep finds hardcoded credentials, migrates them to AWS
// Secrets Manager and rotates what leaked.
package main

import (
	"os"

	"github.com/secretsweep/secretsweep/cmd"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(cmd.Main(os.Args[1:], cmd.NewDefaultFactory(version)))
}
