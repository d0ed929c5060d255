package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

// versionOptions are the flags of "secretsweep version" (none).
type versionOptions struct {
	f *Factory
}

// NewCmdVersion builds "secretsweep version", which prints the same line
// as --version: version, commit and build date.
func NewCmdVersion(f *Factory, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{f: f}
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runVersion(opts)
		},
	}
}

func runVersion(o *versionOptions) error {
	_, err := fmt.Fprintf(o.f.IO.Out, "secretsweep %s\n", o.f.versionLine())
	return err
}

// versionLine is what version and --version print after the name.
func (f *Factory) versionLine() string {
	if f.Build.Version == "" {
		b := f.Build
		b.Version = f.Version
		if b.Version == "" {
			return "dev"
		}
		return b.String()
	}
	return f.Build.String()
}
