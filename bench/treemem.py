#!/usr/bin/env python3
"""treemem.py ROOT_PID OUT: samples the memory of a process tree until ROOT_PID exits.

/usr/bin/time -v reports the peak RSS of the largest single process. gitleaks
pipes `git log -p` into itself, so its figure is git's peak, and the memory
both processes hold at the same moment is not reported anywhere. This
sampler adds up VmRSS (and RssAnon, private memory) over ROOT_PID's
descendants every INTERVAL seconds (default 0.02, env TREEMEM_INTERVAL) and
writes the largest sums to OUT as `key: value` lines. ROOT_PID itself is
left out: compare.sh points it at /usr/bin/time, whose child is the tool.

A sampled peak can miss a spike shorter than the interval; it is a lower
bound. Linux only (reads /proc).
"""
import os
import sys
import time


def children(pid):
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    out += [int(c) for c in f.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return out


def status(pid):
    r = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmRSS", "RssAnon"):
                    r[k] = int(v.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return r


def sample(root):
    """Returns (rss KiB, anon KiB, processes) summed over root's descendants."""
    rss = anon = n = 0
    todo, seen = children(root), set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        s = status(pid)
        if s:
            n += 1
            rss += s.get("VmRSS", 0)
            anon += s.get("RssAnon", 0)
        todo += children(pid)
    return rss, anon, n


def main():
    if len(sys.argv) != 3:
        print("usage: treemem.py ROOT_PID OUT", file=sys.stderr)
        return 2
    root, out = int(sys.argv[1]), sys.argv[2]
    interval = float(os.environ.get("TREEMEM_INTERVAL", "0.02"))
    peak_rss = peak_anon = procs = samples = 0
    while os.path.exists(f"/proc/{root}") and status(root):
        rss, anon, n = sample(root)
        peak_rss, peak_anon, procs = max(peak_rss, rss), max(peak_anon, anon), max(procs, n)
        samples += 1
        time.sleep(interval)
    with open(out, "w") as f:
        f.write(f"tree peak RSS kB: {peak_rss}\n")
        f.write(f"tree peak anon kB: {peak_anon}\n")
        f.write(f"processes: {procs}\n")
        f.write(f"samples: {samples}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
