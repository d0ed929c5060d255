#!/bin/sh
# secretsweep-hook: pre-commit (installed by 'secretsweep hook install'; 'secretsweep hook uninstall' removes it)
# Scans the staged changes for hardcoded credentials and stops the commit when one is found.
# Skip once (not recommended): git commit --no-verify
# A hook that was here before, if kept with --chain, is pre-commit.secretsweep-chained and runs first.
secretsweep_exe=/usr/local/bin/secretsweep
if [ ! -x "$secretsweep_exe" ]; then
	secretsweep_exe=$(command -v secretsweep 2>/dev/null) || {
		echo "secretsweep pre-commit hook: the secretsweep binary is missing ("/usr/local/bin/secretsweep" and not on PATH); reinstall it or skip with: git commit --no-verify" >&2
		exit 1
	}
fi
secretsweep_chained="$(dirname "$0")/pre-commit.secretsweep-chained"
if [ -x "$secretsweep_chained" ]; then
	"$secretsweep_chained" "$@" || exit $?
fi
exec "$secretsweep_exe" hook run-pre-commit -- "$@"
