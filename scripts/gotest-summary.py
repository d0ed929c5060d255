#!/usr/bin/env python3
"""Reads `go test -json` on stdin and prints what plain `go test` prints
(one line per package, the output of failing tests), then, loudly, every
test that was skipped and why. Appends the skips to the file named by
$SECRETSWEEP_SKIP_LOG when set, so scripts/test can sum up several runs.
Exits 1 when a test or package failed or the stream is not go test's."""
import json
import os
import sys

label = sys.argv[1] if len(sys.argv) > 1 else "go test"
outputs = {}   # (package, test) -> output lines
skips = []     # (package, test, reason)
failed = False
for raw in sys.stdin:
    try:
        ev = json.loads(raw)
    except ValueError:
        sys.stdout.write(raw)  # build errors come as plain text
        failed = True
        continue
    pkg, test, action = ev.get("Package", ""), ev.get("Test"), ev.get("Action")
    key = (pkg, test)
    if action == "build-output":  # compiler errors (go 1.24 and later)
        sys.stdout.write(ev.get("Output", ""))
    elif action == "build-fail":
        failed = True
    elif action == "output":
        outputs.setdefault(key, []).append(ev.get("Output", ""))
        if test is None and "SKIPPED INTEGRATION" in ev.get("Output", ""):
            skips.append((pkg, "", ev["Output"].strip()))
    elif action == "skip" and test is not None:
        lines = [l.strip() for l in outputs.get(key, []) if l.strip() and not l.strip().startswith("=== ")]
        reason = next((l for l in reversed(lines) if not l.startswith("--- SKIP")), "")
        skips.append((pkg, test, reason))
    elif action == "fail":
        failed = True
        if test is not None:
            sys.stdout.write("".join(outputs.get(key, [])))
        else:
            sys.stdout.write("".join(l for l in outputs.get(key, []) if not l.startswith(("=== ", "--- ", "    --- "))))
            print("FAIL\t%s\t%.1fs" % (pkg, ev.get("Elapsed", 0)))
    elif action == "pass" and test is None:
        print("ok  \t%s\t%.1fs" % (pkg, ev.get("Elapsed", 0)))
    elif action == "skip" and test is None:
        print("?   \t%s\t[no test files]" % pkg)
    if action in ("pass", "fail", "skip") and test is not None:
        outputs.pop(key, None)
    sys.stdout.flush()

log = os.environ.get("SECRETSWEEP_SKIP_LOG")
if log and skips:
    with open(log, "a") as f:
        for pkg, test, reason in skips:
            f.write("%s: %s %s: %s\n" % (label, pkg, test, reason))
if skips:
    print("%s: %d skipped (listed at the end of scripts/test)" % (label, len(skips)))
sys.exit(1 if failed else 0)
