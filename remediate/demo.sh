#!/usr/bin/env bash
# Demo: a leaked AWS access key is found, rotated and stored in Secrets
# Manager against a local moto server, and the audit log is shown.
# Needs: go, moto_server and boto3 (pip install 'moto[server]').
# Everything runs on loopback in a temporary directory; nothing is left behind.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$(mktemp -d)"
moto_pid=""
cleanup() {
	if [ -n "$moto_pid" ]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "build secretsweep"
(cd "$root" && go build -o "$work/secretsweep" ./cmd/secretsweep)
ssw="$work/secretsweep"

step "start moto on loopback"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE AWS_SESSION_TOKEN
for _ in $(seq 100); do curl -fs "$AWS_ENDPOINT_URL/moto-api/" >/dev/null 2>&1 && break; sleep 0.1; done
echo "moto at $AWS_ENDPOINT_URL"

step "create IAM user 'billing-app' and an access key (in moto)"
leaked="$(python3 - <<'PY'
import boto3
iam = boto3.client("iam")
iam.create_user(UserName="billing-app")
k = iam.create_access_key(UserName="billing-app")["AccessKey"]
print(k["AccessKeyId"])
PY
)"
echo "access key ${leaked:0:4}…${leaked: -4} created"

step "commit the key into a repository"
repo="$work/repo"
mkdir -p "$repo"
git -C "$repo" init -q
cat >"$repo/settings.py" <<PY
# billing service settings
AWS_REGION = "us-east-1"
AWS_ACCESS_KEY_ID = "$leaked"
PY
git -C "$repo" add settings.py
git -C "$repo" -c user.name=demo -c user.email=demo@example.com commit -qm "add settings"

step "secretsweep scan (finds it; exit 1 = leaks found)"
"$ssw" scan "$repo" || echo "(exit $?)"

step "secretsweep remediate (plan)"
"$ssw" remediate "$repo" || echo "(exit $?)"

step "secretsweep remediate --apply"
"$ssw" remediate --apply "$repo"

step "audit log ($repo/.secretsweep/audit.jsonl)"
cat "$repo/.secretsweep/audit.jsonl"
echo "--- .git/info/exclude:"; tail -n 1 "$repo/.git/info/exclude"

step "state in moto: keys of billing-app and the stored secret"
LEAKED="$leaked" python3 - <<'PY'
import boto3, json, os
iam = boto3.client("iam"); sm = boto3.client("secretsmanager")
leaked = os.environ["LEAKED"]
for k in iam.list_access_keys(UserName="billing-app")["AccessKeyMetadata"]:
    tag = "leaked" if k["AccessKeyId"] == leaked else "new"
    print(f'key {k["AccessKeyId"][:4]}…{k["AccessKeyId"][-4:]} ({tag}): {k["Status"]}')
s = sm.get_secret_value(SecretId="secretsweep/aws-iam/billing-app")
v = json.loads(s["SecretString"])
print("secretsweep/aws-iam/billing-app AWSCURRENT holds key", v["AccessKeyId"][:4] + "…" + v["AccessKeyId"][-4:], "stages", s["VersionStages"])
PY

step "run again: nothing is rotated twice"
"$ssw" remediate --apply "$repo"
