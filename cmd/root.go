package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes shared by every command.
const (
	ExitClean = 0
	ExitLeaks = 1
	ExitError = 2
)

// ErrLeaksFound is returned by a command that completed and found leaks;
// Main maps it to exit code 1 without printing anything more.
var ErrLeaksFound = errors.New("leaks found")

// NewCmdRoot builds the root command with every subcommand.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:           "secretsweep",
		Short:         "Find hardcoded credentials, move them to AWS Secrets Manager, rotate what leaked",
		Version:       f.versionLine(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetVersionTemplate("secretsweep {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().StringVar(&f.HashKeyFile, "hash-key-file", "",
		"key `FILE` of the keyed secret hashes (default: $SECRETSWEEP_HASH_KEY, $SECRETSWEEP_HASH_KEY_FILE, else secretsweep/hash.key in the user's config directory, created when missing)")
	for _, c := range subcommands(f) {
		root.AddCommand(c)
	}
	return root
}

// subcommands is the explicit list of commands.
func subcommands(f *Factory) []*cobra.Command {
	return []*cobra.Command{
		NewCmdScan(f, nil),
		NewCmdRemediate(f, nil),
		NewCmdHook(f),
		NewCmdMigrate(f, nil),
		NewCmdAction(f, nil),
		NewCmdAudit(f),
		NewCmdReport(f),
		NewCmdVersion(f, nil),
	}
}

// usageError marks errors caused by how the command was called.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// Main runs the CLI with args and returns the process exit code.
func Main(args []string, f *Factory) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	err := root.Execute()
	switch {
	case err == nil:
		return ExitClean
	case errors.Is(err, ErrLeaksFound):
		return ExitLeaks
	default:
		msg := strings.ReplaceAll(strings.TrimSpace(err.Error()), "\n", " ")
		fmt.Fprintf(f.IO.ErrOut, "secretsweep: %s\n", msg)
		return ExitError
	}
}
