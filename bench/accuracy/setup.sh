#!/usr/bin/env bash
# Installs the peer scanners that `go run ./bench/accuracy -real` compares
# secretsweep with, idempotently:
#   bench/.venv       detect-secrets and credsweeper (pinned, from PyPI)
#   bench/.bin        gitleaks v8.30.1 (go install, as bench/compare.sh does)
# Usage: bench/accuracy/setup.sh   (from anywhere; prints the tools' versions)
set -euo pipefail

# Keep in step with the Version of the tools in bench/accuracy/peers.go (cache keys).
DETECT_SECRETS_VERSION=1.5.0
CREDSWEEPER_VERSION=1.19.5
GITLEAKS_MODULE=github.com/zricethezav/gitleaks/v8
GITLEAKS_VERSION=v8.30.1

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=$bench_dir/.venv
die() { echo "setup: $*" >&2; exit 2; }

have_pkg() { "$venv/bin/python" -m pip show "$1" 2>/dev/null | grep -qx "Version: $2"; }

if [[ ! -x $venv/bin/python ]]; then
	python3 -m venv "$venv" || die "python3 -m venv failed"
fi
if ! have_pkg detect-secrets "$DETECT_SECRETS_VERSION" || ! have_pkg credsweeper "$CREDSWEEPER_VERSION"; then
	"$venv/bin/python" -m pip install -q --disable-pip-version-check \
		"detect-secrets==$DETECT_SECRETS_VERSION" "credsweeper==$CREDSWEEPER_VERSION" ||
		die "pip install failed"
fi

is_gitleaks() {
	[[ -x $1 ]] && go version -m "$1" 2>/dev/null | grep -qP "^\tmod\t${GITLEAKS_MODULE}\t${GITLEAKS_VERSION}\t"
}
if ! is_gitleaks "$bench_dir/.bin/gitleaks"; then
	GOBIN=$bench_dir/.bin go install "$GITLEAKS_MODULE@$GITLEAKS_VERSION" || die "go install gitleaks failed"
	is_gitleaks "$bench_dir/.bin/gitleaks" || die "installed gitleaks is not $GITLEAKS_VERSION"
fi

echo "detect-secrets $("$venv/bin/detect-secrets" --version)"
echo "credsweeper $("$venv/bin/credsweeper" --version 2>/dev/null | tail -1)"
echo "gitleaks $GITLEAKS_VERSION ($bench_dir/.bin/gitleaks)"
