#!/usr/bin/env bash
# prepare.sh REPO — make a bare snapshot clone scannable by `git log -p` (gitleaks).
#
# Stored snapshots may lack blobs of 4 MiB or more. `git log -p` (which gitleaks
# runs) dies on the first missing blob, so for each missing object we point
# refs/replace/<missing-sha> at one small placeholder blob. git then shows the
# placeholder instead of the missing content. secretsweep reads objects through
# go-git, which ignores refs/replace, so it still meets the missing object and
# must skip it with a counted warning.
#
# Idempotent: objects that already have a replace ref are left alone; running it
# again on a prepared repository changes nothing. Prints one line per missing
# object (sha and a path where it occurs) and a summary line.
set -euo pipefail

usage() { echo "usage: $0 REPO.git" >&2; exit 2; }
[[ $# -eq 1 ]] || usage
repo=$1
if ! git -C "$repo" rev-parse --git-dir >/dev/null 2>&1; then
	echo "prepare: $repo is not a git repository" >&2
	exit 2
fi

placeholder_text='secretsweep bench placeholder: this blob was missing from the stored snapshot (files of 4 MiB or more may be absent)'

# --no-replace-objects: see the real object graph, so objects already replaced
# are still listed (and recognised as done below).
mapfile -t missing < <(git --no-replace-objects -C "$repo" rev-list --objects --all --missing=print \
	| sed -n 's/^?//p' | sort -u)

if [[ ${#missing[@]} -eq 0 ]]; then
	echo "prepare: $repo: no missing objects"
	exit 0
fi

placeholder=$(printf '%s\n' "$placeholder_text" | git -C "$repo" hash-object -w --stdin)

# Where does each missing object occur? One pass over the raw history
# (tree entries only; no blob content is read). Best effort, informational.
declare -A where=()
while read -r sha path; do
	[[ -n ${where[$sha]:-} ]] || where[$sha]=$path
done < <(git --no-replace-objects -C "$repo" log --all --raw --no-abbrev --no-renames --format= \
	| awk -v list="$(printf '%s ' "${missing[@]}")" '
		BEGIN { n = split(list, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
		/^:/ { split($0, p, "\t"); split(p[1], f, " "); if (f[4] in want) print f[4], p[2] }')

added=0
for sha in "${missing[@]}"; do
	ref=refs/replace/$sha
	state=exists
	if ! git -C "$repo" show-ref --verify --quiet "$ref"; then
		git -C "$repo" update-ref "$ref" "$placeholder"
		added=$((added + 1))
		state=added
	fi
	echo "prepare: missing $sha (${where[$sha]:-path unknown}) -> $ref [$state]"
done
echo "prepare: $repo: ${#missing[@]} missing object(s), $added replace ref(s) added, placeholder $placeholder"
