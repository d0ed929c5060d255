#!/bin/sh
# bigrepo.sh DIR [COMMITS] — build a repository with COMMITS (default
# 100000) small commits on main with git fast-import, plus a bare clone
# "remote.git" that the work repository tracks as origin (so
# refs/remotes/origin/main points at the last generated commit).
#
#   DIR/work        working repository (branch main, origin = DIR/remote.git)
#   DIR/remote.git  bare remote
#
# Each commit rewrites one of 1,000 files spread over 100 directories.
# Takes well under two minutes for 100k commits.
set -eu
dir=${1:?usage: bigrepo.sh DIR [COMMITS]}
n=${2:-100000}
if [ -e "$dir/work" ]; then
	echo "bigrepo: $dir/work exists; remove it first" >&2
	exit 2
fi
mkdir -p "$dir"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com \
	GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
git -c init.defaultBranch=main init -q "$dir/work"

awk -v n="$n" 'BEGIN {
	t = 1600000000
	for (i = 1; i <= n; i++) {
		msg = "change " i
		body = "value " i " of file " (i % 1000) "\n"
		printf "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\n", i, t + i
		printf "data %d\n%s\n", length(msg), msg
		printf "M 644 inline src/d%02d/f%03d.txt\ndata %d\n%s\n", (i % 100), (i % 1000), length(body), body
	}
}' | git -C "$dir/work" fast-import --quiet

git -C "$dir/work" reset -q --hard main
git clone -q --bare "$dir/work" "$dir/remote.git"
git -C "$dir/work" remote add origin "$dir/remote.git"
git -C "$dir/work" fetch -q origin
git -C "$dir/work" branch -q -u origin/main main
echo "bigrepo: $(git -C "$dir/work" rev-list --count main) commits in $dir/work, remote $dir/remote.git"
