package hook

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"text/template"
)

// ScriptOptions configure a generated hook script.
type ScriptOptions struct {
	// Exe is the absolute path of the secretsweep binary; when it is gone at
	// run time the script falls back to "secretsweep" on PATH.
	Exe string
	// Args are extra arguments for the run command (e.g. --baseline FILE).
	Args []string
}

var scriptTmpl = template.Must(template.New("hook").Parse(`#!/bin/sh
{{.Marker}} {{.Kind}} (installed by 'secretsweep hook install'; 'secretsweep hook uninstall' removes it)
# Scans {{.What}} for hardcoded credentials and stops the {{.Action}} when one is found.
# Skip once (not recommended): git {{.Action}} --no-verify
# A hook that was here before, if kept with --chain, is {{.Chained}} and runs first.
secretsweep_exe={{.Exe}}
if [ ! -x "$secretsweep_exe" ]; then
	secretsweep_exe=$(command -v secretsweep 2>/dev/null) || {
		echo "secretsweep {{.Kind}} hook: the secretsweep binary is missing ("{{.Exe}}" and not on PATH); reinstall it or skip with: git {{.Action}} --no-verify" >&2
		exit 1
	}
fi
secretsweep_chained="$(dirname "$0")/{{.Chained}}"
{{- if .Stdin}}
secretsweep_input=$(cat)
secretsweep_stdin() {
	if [ -n "$secretsweep_input" ]; then printf '%s\n' "$secretsweep_input"; fi
}
if [ -x "$secretsweep_chained" ]; then
	secretsweep_stdin | "$secretsweep_chained" "$@" || exit $?
fi
secretsweep_stdin | "$secretsweep_exe" hook {{.Run}}{{.Args}} -- "$@"
{{- else}}
if [ -x "$secretsweep_chained" ]; then
	"$secretsweep_chained" "$@" || exit $?
fi
exec "$secretsweep_exe" hook {{.Run}}{{.Args}} -- "$@"
{{- end}}
`))

// Script returns the shell script installed as the hook of this kind.
func Script(k Kind, opts ScriptOptions) (string, error) {
	what, action := "the commits being pushed", "push"
	if k == PreCommit {
		what, action = "the staged changes", "commit"
	}
	exe := opts.Exe
	if exe == "" {
		exe = "secretsweep"
	}
	var args strings.Builder
	for _, a := range opts.Args {
		args.WriteString(" ")
		args.WriteString(shellQuote(a))
	}
	var buf bytes.Buffer
	err := scriptTmpl.Execute(&buf, map[string]any{
		"Marker":  Marker,
		"Kind":    string(k),
		"What":    what,
		"Action":  action,
		"Chained": k.ChainedName(),
		"Exe":     shellQuote(exe),
		"Run":     k.RunCommand(),
		"Args":    args.String(),
		"Stdin":   k == PrePush,
	})
	if err != nil {
		return "", fmt.Errorf("hook script template: %w", err)
	}
	return buf.String(), nil
}

// IsOurs reports whether a hook script was written by secretsweep: one of
// its first lines starts with Marker.
func IsOurs(content []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(content))
	for i := 0; i < 5 && sc.Scan(); i++ {
		if strings.HasPrefix(sc.Text(), Marker) {
			return true
		}
	}
	return false
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:@+,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
