// Package hook installs, removes and runs secretsweep's git hooks: a
// pre-push hook that scans the commits being pushed and a pre-commit hook
// that scans staged changes. Installed scripts carry a marker line so that
// uninstall removes only what secretsweep wrote; a hook that existed before
// can be kept and chained (renamed to <kind>.secretsweep-chained and called
// first).
package hook

import (
	"fmt"
	"strings"
)

// Kind is a git hook name.
type Kind string

// The hooks secretsweep installs.
const (
	PrePush   Kind = "pre-push"
	PreCommit Kind = "pre-commit"
)

// Kinds lists every hook kind secretsweep manages.
func Kinds() []Kind { return []Kind{PrePush, PreCommit} }

// ParseKind converts a hook name to a Kind.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds() {
		if string(k) == s {
			return k, nil
		}
	}
	names := make([]string, 0, len(Kinds()))
	for _, k := range Kinds() {
		names = append(names, string(k))
	}
	return "", fmt.Errorf("unknown hook %q (want one of %s)", s, strings.Join(names, ", "))
}

// RunCommand is the hidden secretsweep subcommand (under "hook") that the
// installed script of this kind calls.
func (k Kind) RunCommand() string { return "run-" + string(k) }

// ChainedName is the file name a pre-existing hook is moved to when
// secretsweep's hook is installed with chaining.
func (k Kind) ChainedName() string { return string(k) + ChainedSuffix }

// ChainedSuffix is appended to a pre-existing hook kept for chaining.
const ChainedSuffix = ".secretsweep-chained"

// Marker starts the line that identifies a script written by secretsweep.
const Marker = "# secretsweep-hook:"

// BaselineFile is the conventional baseline at the repository root that the
// hooks honour when no --baseline is given.
const BaselineFile = ".secretsweep-baseline.json"
