#!/usr/bin/env python3
"""Tests for compare_findings.py: python3 bench/compare_findings_test.py

Secret values are made up at run time (no literal credentials in this file).
"""

import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "compare_findings.py")


def fake(n):
    return "FAKE" + "x" * 8 + str(n) * 8


def sha(value):
    return hashlib.sha256(value.encode()).hexdigest()


# A fake hash key, as SECRETSWEEP_HASH_KEY holds it (hex).
KEY = bytes(range(32))


def key_id(key):
    return hmac.new(key, b"secretsweep key id", hashlib.sha256).hexdigest()[:8]


def keyed(value, key=KEY):
    """The SecretHash secretsweep writes for value under key."""
    digest = hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
    return f"hmac-sha256:{key_id(key)}:{digest}"


def gl(rule, path, secret, commit="c0ffee" * 7, line=1):
    return {"RuleID": rule, "File": path, "Secret": secret, "Commit": commit, "StartLine": line}


def ss(rule, path, secret, commit="beef" * 10, line=1):
    """A finding of a report written before keyed hashes."""
    return {"RuleID": rule, "File": path, "Secret": "REDACTED", "SecretSHA256": sha(secret),
            "Commit": commit, "StartLine": line}


def ss_keyed(rule, path, secret, key=KEY, commit="beef" * 10, line=1):
    return {"RuleID": rule, "File": path, "Secret": "REDACTED", "SecretHash": keyed(secret, key),
            "Commit": commit, "StartLine": line}


class CompareFindingsTest(unittest.TestCase):
    def run_cmp(self, gl_findings, ss_findings, *extra, key=None):
        env = {k: v for k, v in os.environ.items() if k != "SECRETSWEEP_HASH_KEY"}
        if key is not None:
            env["SECRETSWEEP_HASH_KEY"] = key.hex()
        d = tempfile.mkdtemp()
        glp = os.path.join(d, "gl.json")
        with open(glp, "w") as fh:
            json.dump(gl_findings, fh)
        args = [sys.executable, SCRIPT, *extra, glp]
        if ss_findings is not None:
            ssp = os.path.join(d, "ss.json")
            with open(ssp, "w") as fh:
                if isinstance(ss_findings, str):
                    fh.write(ss_findings)
                else:
                    json.dump(ss_findings, fh)
            args.append(ssp)
        p = subprocess.run(args, capture_output=True, text=True, env=env)
        return p, glp

    def test_sets_and_no_secret_printed(self):
        cases = [
            # name, gitleaks, secretsweep, expected lines
            ("identical", [gl("r1", "a", fake(1))], [ss("r1", "a", fake(1))],
             ["in both: 1", "only gitleaks: 0", "only secretsweep: 0"]),
            ("duplicates count once per key", [gl("r1", "a", fake(1)), gl("r1", "a", fake(1), line=9)],
             [ss("r1", "a", fake(1))],
             ["gitleaks findings: 2 (1 unique keys)", "in both: 1"]),
            ("moved file", [gl("r1", "a", fake(1))], [ss("r1", "b", fake(1))],
             ["only gitleaks: 1", "only secretsweep: 1",
              "of which same rule+secret reported by secretsweep under another file: 1"]),
            ("other rule", [gl("r1", "a", fake(2))], [ss("r2", "a", fake(2))],
             ["of which same secret reported by secretsweep under another rule: 1"]),
            ("gitleaks only (no secretsweep report)", [gl("r1", "a", fake(3))], None,
             ["gitleaks findings: 1 (1 unique keys)"]),
            ("null secretsweep report", [gl("r1", "a", fake(3))], "null",
             ["only gitleaks: 1", "secretsweep findings: 0"]),
        ]
        for name, g, s, want in cases:
            with self.subTest(name):
                p, glp = self.run_cmp(g, s if s is not None else None, "--delete-raw")
                self.assertEqual(p.returncode, 0, p.stderr)
                for line in want:
                    self.assertIn(line, p.stdout)
                for f in g:
                    self.assertNotIn(f["Secret"], p.stdout + p.stderr)
                self.assertFalse(os.path.exists(glp), "raw gitleaks report not deleted")

    def test_hash_prefix_and_location_listed(self):
        p, _ = self.run_cmp([gl("r1", "a", fake(4), commit="1234567890abcdef", line=7)], [])
        self.assertIn("r1\ta\t" + sha(fake(4))[:12] + "\t1234567890:7", p.stdout)

    def test_generic_beside_specific_and_keep_dir(self):
        keep = tempfile.mkdtemp()
        secret = fake(5)
        p, _ = self.run_cmp(
            [gl("github-pat", "a", secret, commit="abc", line=3)],
            [ss("github-pat", "a", secret, commit="abc", line=3),
             ss("generic-api-key", "a", secret, commit="abc", line=3)],
            "--keep-dir", keep)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("(gitleaks drops those, detect/utils.go filter): 1", p.stdout)
        for name in ("gitleaks.sanitized.json", "secretsweep.sanitized.json"):
            with open(os.path.join(keep, name)) as fh:
                text = fh.read()
            self.assertNotIn(secret, text)
            self.assertIn(sha(secret), text)

    def test_redacted_without_hash_is_an_error(self):
        p, _ = self.run_cmp([], [{"RuleID": "r1", "File": "a", "Secret": "REDACTED"}])
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("no SecretHash, no SecretSHA256 and no unredacted Secret", p.stderr)

    def test_keyed_hashes(self):
        """Keyed reports: raw secrets are hashed with SECRETSWEEP_HASH_KEY;
        no plain SHA-256 is printed or kept."""
        keep = tempfile.mkdtemp()
        s1, s2 = fake(6), fake(7)
        p, _ = self.run_cmp([gl("r1", "a", s1), gl("r1", "b", s2, commit="1234567890abcdef", line=4)],
                            [ss_keyed("r1", "a", s1)], "--keep-dir", keep, key=KEY)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("in both: 1", p.stdout)
        self.assertIn("r1\tb\t" + keyed(s2).split(":")[2][:12] + "\t1234567890:4", p.stdout)
        for name in ("gitleaks.sanitized.json", "secretsweep.sanitized.json"):
            with open(os.path.join(keep, name)) as fh:
                text = fh.read()
            for s in (s1, s2):
                self.assertNotIn(s, text)
                self.assertNotIn(sha(s), text)
        self.assertNotIn(sha(s2)[:12], p.stdout)

    def test_keyed_hash_errors(self):
        other = bytes(range(1, 33))
        cases = [
            ("no key", None, [ss_keyed("r1", "a", fake(8))], "set SECRETSWEEP_HASH_KEY"),
            ("another key", other, [ss_keyed("r1", "a", fake(8))], "key id " + key_id(KEY)),
            ("plain hashes with a key", KEY, [ss("r1", "a", fake(8))], "unset SECRETSWEEP_HASH_KEY"),
        ]
        for name, key, ss_findings, want in cases:
            with self.subTest(name):
                p, _ = self.run_cmp([gl("r1", "a", fake(8))], ss_findings, key=key)
                self.assertNotEqual(p.returncode, 0)
                self.assertIn(want, p.stderr)
                self.assertNotIn(fake(8), p.stdout + p.stderr)

    def test_unreadable_report_is_an_error(self):
        p = subprocess.run([sys.executable, SCRIPT, "/nonexistent/gl.json", "/nonexistent/ss.json"],
                           capture_output=True, text=True)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("cannot read gitleaks report", p.stderr)


if __name__ == "__main__":
    unittest.main()
