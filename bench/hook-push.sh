#!/bin/sh
# hook-push.sh DIR — time secretsweep's pre-push hook on the repository that
# bigrepo.sh built in DIR (run that first): three new commits on main, then
#   1. hook run-pre-push for an existing branch (origin/main..main),
#   2. hook run-pre-push for a new branch (commits on no remote-tracking ref),
#   3. a real `git push` through the installed hook.
# SECRETSWEEP names the binary (default: built from this checkout).
set -eu
dir=${1:?usage: hook-push.sh DIR}
work=$dir/work
here=$(cd "$(dirname "$0")/.." && pwd)
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com \
	GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
if [ -z "${SECRETSWEEP:-}" ]; then
	SECRETSWEEP=$dir/secretsweep
	(cd "$here" && go build -o "$SECRETSWEEP" ./cmd/secretsweep)
fi

remote_sha=$(git -C "$work" rev-parse origin/main)
for i in 1 2 3; do
	echo "feature $i $(date +%s%N)" > "$work/feature$i.txt"
	git -C "$work" add "feature$i.txt"
	git -C "$work" commit -q -m "feature $i"
done
local_sha=$(git -C "$work" rev-parse main)
zero=0000000000000000000000000000000000000000
echo "commits: $(git -C "$work" rev-list --count main), pushing $(git -C "$work" rev-list --count origin/main..main)"

ms() { date +%s%N | cut -c1-13; }
timeit() { # label stdin: five runs, wall time (and CPU time with GNU time)
	for run in 1 2 3 4 5; do
		if [ -x /usr/bin/time ]; then
			printf '%s\n' "$2" | (cd "$work" && /usr/bin/time -f "$1 run $run: wall %e s, cpu user %U s + sys %S s, max rss %M KB" \
				"$SECRETSWEEP" hook run-pre-push origin "$dir/remote.git" 2>&1 >/dev/null | tail -1)
		else
			start=$(ms)
			printf '%s\n' "$2" | (cd "$work" && "$SECRETSWEEP" hook run-pre-push origin "$dir/remote.git") 2>/dev/null
			echo "$1 run $run: $(( $(ms) - start )) ms"
		fi
	done
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
timeit "existing branch" "refs/heads/main $local_sha refs/heads/main $remote_sha"
timeit "new branch     " "refs/heads/feature $local_sha refs/heads/feature $zero"

(cd "$work" && "$SECRETSWEEP" hook install --force >/dev/null)
start=$(ms)
git -C "$work" push -q origin main 2>/dev/null
echo "git push through the hook (whole push): $(( $(ms) - start )) ms"
