#!/usr/bin/env bash
# compare.sh REPO [SECRETSWEEP_BIN]
#
# Runs `gitleaks git` (v8.30.1) and `secretsweep scan --history` one after the
# other on the same bare clone REPO, measures wall time, CPU time and peak RSS
# of each with /usr/bin/time -v, and compares the finding sets keyed by
# (RuleID, File, keyed hash of the secret). Secrets are never printed: gitleaks'
# raw report is hashed and deleted by compare_findings.py as soon as it is read.
# Both hash with SECRETSWEEP_HASH_KEY: a random key per run unless it is set.
#
# Without SECRETSWEEP_BIN, secretsweep is built from this checkout with
# `go build -o` into a temporary directory.
#
# Environment:
#   BENCH_ONLY=gitleaks    run gitleaks only (baseline while secretsweep lacks --history)
#   BENCH_LIST_MAX=N       differing keys listed per section (default 200, 0 = all)
#   BENCH_KEYS_OUT=FILE    also write every differing key (rule, file, hash prefix) to FILE
#   BENCH_STRICT=1         exit 1 when gitleaks reports a key secretsweep does not
#   BENCH_KEEP=DIR         keep both reports in DIR without Secret/Match/Line (for analysis)
#   BENCH_TAGS=TAGS        build tags when building secretsweep (default none; re2_cgo: libre2)
#   BENCH_MODE=dir         compare working-tree scans of the directory REPO (gitleaks dir,
#                          secretsweep scan) instead of history scans
#
# Exit status: 0 both tools ran (findings or not), 1 BENCH_STRICT and keys
# missing from secretsweep, 2 usage error or a tool failed.
set -euo pipefail

GITLEAKS_VERSION=v8.30.1
GITLEAKS_MODULE=github.com/zricethezav/gitleaks/v8

die() { echo "compare: $*" >&2; exit 2; }
usage() { echo "usage: $0 REPO.git [SECRETSWEEP_BIN]" >&2; exit 2; }

[[ $# -ge 1 && $# -le 2 ]] || usage
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$bench_dir")
repo=$(cd "$1" 2>/dev/null && pwd) || die "$1: no such directory"
# BENCH_MODE=dir compares working-tree scans (gitleaks dir, secretsweep scan)
# of the directory REPO instead of history scans.
mode=${BENCH_MODE:-git}
[[ $mode == git || $mode == dir ]] || die "BENCH_MODE must be git or dir"
[[ $mode == dir ]] || git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || die "$repo is not a git repository"
only=${BENCH_ONLY:-}
[[ -z $only || $only == gitleaks ]] || die "BENCH_ONLY must be empty or 'gitleaks'"

# --- tools -------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
	echo "compare: installing GNU time (Debian package 'time')" >&2
	sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
	"${sudo_cmd[@]}" apt-get install -y -qq time >/dev/null || die "cannot install GNU time"
fi

# gitleaks built with `go install` reports "version is set by build process",
# so the module version recorded in the binary is checked as well.
is_gitleaks_830() {
	local bin=$1
	[[ -x $bin ]] || return 1
	"$bin" version 2>/dev/null | grep -qx "v\{0,1\}${GITLEAKS_VERSION#v}" && return 0
	go version -m "$bin" 2>/dev/null | grep -qP "^\tmod\t${GITLEAKS_MODULE}\t${GITLEAKS_VERSION}\t"
}
gitleaks=$(command -v gitleaks || true)
if ! is_gitleaks_830 "$gitleaks"; then
	gitleaks=$bench_dir/.bin/gitleaks
	if ! is_gitleaks_830 "$gitleaks"; then
		echo "compare: installing gitleaks $GITLEAKS_VERSION into $bench_dir/.bin" >&2
		GOBIN=$bench_dir/.bin go install "$GITLEAKS_MODULE@$GITLEAKS_VERSION" || die "go install gitleaks failed"
		is_gitleaks_830 "$gitleaks" || die "installed gitleaks is not $GITLEAKS_VERSION"
	fi
fi
gitleaks_rules=$(go env GOMODCACHE 2>/dev/null)/$GITLEAKS_MODULE@$GITLEAKS_VERSION/config/gitleaks.toml
[[ -f $gitleaks_rules ]] || gitleaks_rules=

umask 077
# secretsweep's report names secrets by a keyed hash: compare_findings.py
# hashes gitleaks' raw secrets with the same key.
if [[ -z ${SECRETSWEEP_HASH_KEY:-} ]]; then
	SECRETSWEEP_HASH_KEY=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
fi
export SECRETSWEEP_HASH_KEY
tmp=$(mktemp -d "${TMPDIR:-/tmp}/secretsweep-bench.XXXXXX")
# The temp dir briefly holds gitleaks' raw report (secrets): remove it on any exit.
trap 'rm -rf "$tmp"' EXIT
child=
stop_child() { # the tool runs under /usr/bin/time ($child): stop the tool, then time
	[[ -n $child ]] || return 0
	pkill -TERM -P "$child" 2>/dev/null || true
	kill -TERM "$child" 2>/dev/null || true
	wait "$child" 2>/dev/null || true
}
trap 'stop_child; exit 130' INT TERM HUP

secretsweep=
if [[ -z $only ]]; then
	if [[ $# -eq 2 ]]; then
		secretsweep=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
		[[ -x $secretsweep ]] || die "$2: not an executable"
	else
		# The default build (what go install gives users); BENCH_TAGS=re2_cgo
		# measures the optional libre2 build.
		tags=${BENCH_TAGS:-}
		echo "building secretsweep with -tags '$tags'"
		(cd "$root" && go build -tags "$tags" -o "$tmp/secretsweep" ./cmd/secretsweep 2>"$tmp/build.log") || { cat "$tmp/build.log" >&2; die "go build ./cmd/secretsweep failed"; }
		secretsweep=$tmp/secretsweep
	fi
fi

# --- repository --------------------------------------------------------------
if [[ $mode == git ]]; then
	"$bench_dir/prepare.sh" "$repo" | tail -n 1
	commits=$(git -C "$repo" rev-list --all --count)
	pack=$(git -C "$repo" count-objects -vH | sed -n 's/^size-pack: //p')
	echo "repo: $repo ($commits commits reachable from all refs, pack $pack)"
else
	echo "directory: $repo ($(find "$repo" -path "$repo/.git" -prune -o -type f -print | wc -l) files, $(du -sh --exclude=.git "$repo" | cut -f1))"
fi
echo "gitleaks: $gitleaks ($GITLEAKS_VERSION)"
[[ -n $secretsweep ]] && echo "secretsweep: $secretsweep"
echo "cores: $(nproc)"
# Warm the page cache once so neither tool pays for the first read.
if [[ $mode == git ]]; then
	cat "$repo"/objects/pack/*.pack >/dev/null 2>&1 || true
else
	find "$repo" -type f -exec cat {} + >/dev/null 2>&1 || true
fi

# --- runs --------------------------------------------------------------------
# timed NAME CMD...: runs CMD from $tmp (so no .gitleaksignore or config in the
# caller's directory is picked up) under /usr/bin/time -v; stdout/stderr go to
# $tmp/NAME.out and $tmp/NAME.err; sets rc.
timed() {
	local name=$1; shift
	echo "load before $name: $(uptime | sed 's/.*load average: //')"
	rc=0
	# In the background and waited for, so a signal stops the tool at once (see trap).
	(cd "$tmp" && exec env -u GITLEAKS_CONFIG -u GITLEAKS_CONFIG_TOML \
		/usr/bin/time -v -o "$tmp/$name.time" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err") &
	child=$!
	# The process tree's memory, sampled (see treemem.py): gitleaks' peak
	# RSS from time -v is its `git log -p` child's, not the two together.
	python3 "$bench_dir/treemem.py" "$child" "$tmp/$name.tree" &
	local sampler=$!
	wait "$child" || rc=$?
	child=
	wait "$sampler" || true
}

# metrics NAME: one line with wall, CPU and peak RSS from /usr/bin/time -v,
# and the sampled peak of the process tree. Peak RSS is the largest single
# process (the tool or a child it waited for, e.g. gitleaks' `git log -p`);
# CPU time includes waited-for children.
metrics() {
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
		/User time/   { u = $2 }
		/System time/ { s = $2 }
		/Maximum resident set size/ { r = $2 }
		END { printf "wall %.2f s  cpu %.2f s (user %.2f + sys %.2f)  peak RSS %.1f MiB", w, u + s, u, s, r / 1024 }
	' "$tmp/$1.time"
	[[ -s $tmp/$1.tree ]] && awk -F': ' '
		/tree peak RSS/ { r = $2 } /tree peak anon/ { a = $2 } /processes/ { n = $2 }
		END { printf "  process tree %.1f MiB (private %.1f MiB, %d processes)", r / 1024, a / 1024, n }
	' "$tmp/$1.tree"
}
tree_value() { # tree_value NAME: the sampled peak RSS (KiB) of NAME's process tree
	awk -F': ' '/tree peak RSS/ { print $2 }' "$tmp/$1.tree" 2>/dev/null || echo 0
}
value() { # value NAME FIELD(wall|rss)
	awk -F': ' -v f="$2" '
		f == "wall" && /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i]; print w }
		f == "rss" && /Maximum resident set size/ { print $2 }
	' "$tmp/$1.time"
}

failed=0
# --exit-code 42 separates "leaks found" (42) from gitleaks' fatal errors (1).
timed gitleaks "$gitleaks" "$mode" "$repo" --no-banner --log-level warn --exit-code 42 \
	--report-format json --report-path "$tmp/gitleaks.json"
case $rc in
	0|42) echo "gitleaks     $(metrics gitleaks)  exit $rc$([[ $rc == 42 ]] && echo ' (leaks found)')" ;;
	*) echo "gitleaks     FAILED exit $rc; last lines of stderr:"; tail -n 5 "$tmp/gitleaks.err" | cut -c1-300 | sed 's/^/  /'; failed=1 ;;
esac
[[ $failed -eq 0 && ! -s $tmp/gitleaks.json ]] && { echo "gitleaks     wrote no report"; failed=1; }
echo "load after gitleaks: $(uptime | sed 's/.*load average: //')"

if [[ -n $secretsweep && $failed -eq 0 ]]; then
	# Stored snapshots lack large blobs by design (see prepare.sh): accept
	# absent objects with a counted warning instead of an incomplete scan.
	history="--history --allow-missing"
	[[ $mode == dir ]] && history=
	timed secretsweep "$secretsweep" scan $history --format json --output "$tmp/secretsweep.json" "$repo"
	case $rc in
		0|1) echo "secretsweep  $(metrics secretsweep)  exit $rc$([[ $rc == 1 ]] && echo ' (leaks found)')" ;;
		*) echo "secretsweep  FAILED exit $rc"; failed=1 ;;
	esac
	# secretsweep never prints secret values; its stderr holds warnings and the summary.
	if [[ -s $tmp/secretsweep.err ]]; then
		echo "secretsweep stderr (last 10 lines):"
		tail -n 10 "$tmp/secretsweep.err" | cut -c1-300 | sed 's/^/  /'
	fi
	[[ $failed -eq 0 && ! -s $tmp/secretsweep.json ]] && { echo "secretsweep  wrote no report"; failed=1; }
	echo "load after secretsweep: $(uptime | sed 's/.*load average: //')"
fi

if [[ $failed -ne 0 ]]; then
	rm -f "$tmp/gitleaks.json"
	exit 2
fi

# --- comparison --------------------------------------------------------------
cmp_args=(--delete-raw --gitleaks-rules "$gitleaks_rules")
[[ $mode == dir ]] && cmp_args+=(--strip-prefix "$repo/")
[[ -n ${BENCH_KEYS_OUT:-} ]] && cmp_args+=(--keys-out "$BENCH_KEYS_OUT")
if [[ -n ${BENCH_KEEP:-} ]]; then
	mkdir -p "$BENCH_KEEP" || die "cannot create $BENCH_KEEP"
	cmp_args+=(--keep-dir "$BENCH_KEEP")
fi
if [[ -z $secretsweep ]]; then
	python3 "$bench_dir/compare_findings.py" "${cmp_args[@]}" "$tmp/gitleaks.json" || exit 2
	exit 0
fi

gw=$(value gitleaks wall); sw=$(value secretsweep wall)
gr=$(value gitleaks rss); sr=$(value secretsweep rss)
gt=$(tree_value gitleaks)
# secretsweep is one process: its exact peak from time -v is set against
# gitleaks' sampled tree peak, which can only err low.
awk -v gw="$gw" -v sw="$sw" -v gr="$gr" -v sr="$sr" -v gt="${gt:-0}" 'BEGIN {
	printf "ratio secretsweep/gitleaks: wall %.3f (speed-up %.2fx)  peak RSS %.3f (largest process)  %.3f (process tree)\n",
		(gw > 0 ? sw / gw : 0), (sw > 0 ? gw / sw : 0), (gr > 0 ? sr / gr : 0), (gt > 0 ? sr / gt : 0) }'

python3 "$bench_dir/compare_findings.py" "${cmp_args[@]}" "$tmp/gitleaks.json" "$tmp/secretsweep.json" \
	| tee "$tmp/compare.txt" || exit 2
if [[ ${BENCH_STRICT:-} == 1 ]] && ! grep -q '^only gitleaks: 0$' "$tmp/compare.txt"; then
	exit 1
fi
exit 0
