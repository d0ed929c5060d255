#!/bin/sh
# secretsweep-hook: pre-push (installed by 'secretsweep hook install'; 'secretsweep hook uninstall' removes it)
# Scans the commits being pushed for hardcoded credentials and stops the push when one is found.
# Skip once (not recommended): git push --no-verify
# A hook that was here before, if kept with --chain, is pre-push.secretsweep-chained and runs first.
secretsweep_exe=/usr/local/bin/secretsweep
if [ ! -x "$secretsweep_exe" ]; then
	secretsweep_exe=$(command -v secretsweep 2>/dev/null) || {
		echo "secretsweep pre-push hook: the secretsweep binary is missing ("/usr/local/bin/secretsweep" and not on PATH); reinstall it or skip with: git push --no-verify" >&2
		exit 1
	}
fi
secretsweep_chained="$(dirname "$0")/pre-push.secretsweep-chained"
secretsweep_input=$(cat)
secretsweep_stdin() {
	if [ -n "$secretsweep_input" ]; then printf '%s\n' "$secretsweep_input"; fi
}
if [ -x "$secretsweep_chained" ]; then
	secretsweep_stdin | "$secretsweep_chained" "$@" || exit $?
fi
secretsweep_stdin | "$secretsweep_exe" hook run-pre-push --baseline '/repo/it'\''s.json' -- "$@"
