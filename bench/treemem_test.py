#!/usr/bin/env python3
"""Tests treemem.py on a real process tree: two children that each hold memory
at the same time must add up, and the root is left out."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
HOLD = "import sys, time; b = bytearray(int(sys.argv[1]) << 20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.5)"


class TreeMemTest(unittest.TestCase):
    def test_children_add_up(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "tree")
            # root: a shell that runs two holders at once (40 MiB and 30 MiB).
            root = subprocess.Popen(["sh", "-c", f'"{sys.executable}" -c "{HOLD}" 40 & "{sys.executable}" -c "{HOLD}" 30 & wait'])
            sampler = subprocess.run([sys.executable, os.path.join(HERE, "treemem.py"), str(root.pid), out], timeout=30)
            root.wait()
            self.assertEqual(sampler.returncode, 0)
            with open(out) as f:
                got = dict(line.split(": ") for line in f.read().splitlines())
            rss, anon, procs = int(got["tree peak RSS kB"]), int(got["tree peak anon kB"]), int(got["processes"])
            self.assertEqual(procs, 2, got)  # the two holders, not the shell
            self.assertGreaterEqual(anon, 70 << 10, got)
            self.assertGreaterEqual(rss, anon, got)
            self.assertLess(rss, 200 << 10, got)

    def test_usage(self):
        r = subprocess.run([sys.executable, os.path.join(HERE, "treemem.py")], capture_output=True)
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main()
