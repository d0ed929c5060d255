#!/usr/bin/env python3
"""Compare a gitleaks JSON report with a secretsweep JSON report.

Findings are keyed by (RuleID, File, hash of the secret). The gitleaks
report holds raw secrets: they are hashed as soon as the file is read and,
with --delete-raw, the file is removed before anything is printed. Nothing
printed contains a secret: keys are shown as rule, file and a 12-hex-digit
hash prefix.

secretsweep reports carry SecretHash, the secret's keyed hash
("hmac-sha256:<key id>:<hex>", present even when Secret is "REDACTED"):
set SECRETSWEEP_HASH_KEY to the key the report was written with (hex, as
secretsweep reads it) and raw secrets are hashed with it. Without it, hashes
are plain SHA-256, as in reports written before keyed hashes (SecretSHA256).
If a finding has no hash and the secret is not redacted, it is computed.

Exit status: 0 when both reports were read, 2 when a report is unreadable.
"""

import argparse
import collections
import hashlib
import hmac
import json
import os
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11: rule classification is skipped.
    tomllib = None

HASH_PREFIX = 12
KEY_ENV = "SECRETSWEEP_HASH_KEY"
KEYED_SCHEME = "hmac-sha256"


def sha256_hex(value):
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


class Hasher:
    """Hashes secrets as secretsweep does: keyed with SECRETSWEEP_HASH_KEY,
    else (no key) plain SHA-256. Digests are hex without the scheme."""

    def __init__(self, key_hex):
        self.key = None
        self.key_id = ""
        if key_hex and key_hex.strip():
            try:
                self.key = bytes.fromhex(key_hex.strip())
            except ValueError:
                sys.exit(f"compare: {KEY_ENV} is not hex digits")
            if len(self.key) < 16:
                sys.exit(f"compare: {KEY_ENV} is shorter than 32 hex digits")
            self.key_id = hmac.new(self.key, b"secretsweep key id", hashlib.sha256).hexdigest()[:8]

    def secret(self, value):
        if self.key is None:
            return sha256_hex(value)
        return hmac.new(self.key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def full(self, value):
        """The hash as secretsweep writes it (for sanitized reports)."""
        if self.key is None:
            return "SecretSHA256", self.secret(value)
        return "SecretHash", f"{KEYED_SCHEME}:{self.key_id}:{self.secret(value)}"

    def digest(self, f, tool):
        """The hex digest of a finding's secret, or "" when it has none."""
        keyed = f.get("SecretHash") or ""
        plain = f.get("SecretSHA256") or ""
        if keyed:
            parts = keyed.split(":")
            if len(parts) != 3 or parts[0] != KEYED_SCHEME:
                sys.exit(f"compare: {tool} finding for rule {f.get('RuleID')!r} has a malformed SecretHash")
            if self.key is None:
                sys.exit(f"compare: the {tool} report holds keyed hashes (key id {parts[1]}): "
                         f"set {KEY_ENV} to the key it was written with")
            if parts[1] != self.key_id:
                sys.exit(f"compare: the {tool} report's hashes were made with key id {parts[1]}, "
                         f"{KEY_ENV} has key id {self.key_id}")
            return parts[2].lower()
        if plain:
            if self.key is not None:
                sys.exit(f"compare: the {tool} report holds plain SecretSHA256 hashes: unset {KEY_ENV} to compare them")
            return plain.lower()
        return ""


def load(path, tool):
    try:
        with open(path, "rb") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        sys.exit(f"compare: cannot read {tool} report {path}: {exc.__class__.__name__}")
    if data is None:
        data = []
    if not isinstance(data, list):
        sys.exit(f"compare: {tool} report {path} is not a JSON array")
    return data


def keys_of(findings, tool, hasher, where=None):
    """Return a Counter of (rule, file, digest) for a list of findings.

    If where is a dict, it receives the first (commit, line) seen per key:
    enough to look a difference up, and no secret.
    """
    keys = collections.Counter()
    for f in findings:
        if not isinstance(f, dict):
            sys.exit(f"compare: {tool} report holds a non-object entry")
        digest = hasher.digest(f, tool)
        if not digest:
            secret = f.get("Secret")
            if not isinstance(secret, str) or secret == "REDACTED":
                sys.exit(f"compare: {tool} finding for rule {f.get('RuleID')!r} has no "
                         "SecretHash, no SecretSHA256 and no unredacted Secret")
            digest = hasher.secret(secret)
        key = (f.get("RuleID", ""), f.get("File", ""), digest)
        keys[key] += 1
        if where is not None and key not in where:
            where[key] = f"{str(f.get('Commit', ''))[:10]}:{f.get('StartLine', '')}"
    return keys


def specific_lines(findings):
    """(commit, file, line) of every finding from a non-generic rule."""
    return {(f.get("Commit", ""), f.get("File", ""), f.get("StartLine"))
            for f in findings if "generic" not in str(f.get("RuleID", "")).lower()}


def sanitized(findings, hasher):
    """Findings without the fields that hold the secret, plus its hash."""
    out = []
    for f in findings:
        g = {k: v for k, v in f.items() if k not in ("Secret", "Match", "Line")}
        if not g.get("SecretHash") and not g.get("SecretSHA256"):
            field, value = hasher.full(f.get("Secret", ""))
            g[field] = value
        out.append(g)
    return out


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)


def default_rule_ids(path):
    if not path or tomllib is None:
        return None
    try:
        with open(path, "rb") as fh:
            cfg = tomllib.load(fh)
    except (OSError, ValueError):
        return None
    return {r.get("id") for r in cfg.get("rules", []) if r.get("id")}


def fmt(key, where=None):
    rule, path, digest = key
    loc = f"\t{where[key]}" if where and key in where else ""
    return f"{rule}\t{path}\t{digest[:HASH_PREFIX]}{loc}"


def show(title, keys, limit, out, where=None):
    print(f"{title}: {len(keys)}", file=out)
    by_rule = collections.Counter(k[0] for k in keys)
    if by_rule:
        print("  by rule: " + ", ".join(f"{r}={n}" for r, n in by_rule.most_common()), file=out)
    ordered = sorted(keys)
    shown = ordered if limit <= 0 else ordered[:limit]
    for k in shown:
        print("  " + fmt(k, where), file=out)
    if len(shown) < len(ordered):
        print(f"  ... {len(ordered) - len(shown)} more (BENCH_LIST_MAX=0 lists all)", file=out)


def strip_prefix(findings, prefix):
    """Make File relative to the scanned directory."""
    if prefix:
        for f in findings:
            if f.get("File", "").startswith(prefix):
                f["File"] = f["File"][len(prefix):]
    return findings


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gitleaks_report")
    ap.add_argument("secretsweep_report", nargs="?",
                    help="omit to only count gitleaks' findings (baseline run)")
    ap.add_argument("--delete-raw", action="store_true",
                    help="remove the gitleaks report (raw secrets) right after hashing it")
    ap.add_argument("--gitleaks-rules", help="gitleaks default config (config/gitleaks.toml) "
                    "to tell secretsweep's own rules apart")
    ap.add_argument("--limit", type=int, default=int(os.environ.get("BENCH_LIST_MAX", "200")),
                    help="keys listed per section (0 = all)")
    ap.add_argument("--keys-out", help="write every differing key (no secrets) to this file")
    ap.add_argument("--keep-dir", help="write both reports, without Secret/Match/Line, to this directory")
    ap.add_argument("--strip-prefix", default="",
                    help="remove this prefix from File in both reports (gitleaks dir reports "
                    "paths as given on its command line)")
    args = ap.parse_args()
    hasher = Hasher(os.environ.get(KEY_ENV, ""))

    try:
        gl_findings = strip_prefix(load(args.gitleaks_report, "gitleaks"), args.strip_prefix)
        gl_where = {}
        gl = keys_of(gl_findings, "gitleaks", hasher, gl_where)
        if args.keep_dir:
            write_json(os.path.join(args.keep_dir, "gitleaks.sanitized.json"), sanitized(gl_findings, hasher))
        del gl_findings
    finally:
        if args.delete_raw:
            try:
                os.remove(args.gitleaks_report)
            except FileNotFoundError:
                pass
    out = sys.stdout
    if args.secretsweep_report is None:
        print(f"gitleaks findings: {sum(gl.values())} ({len(gl)} unique keys)", file=out)
        by_rule = collections.Counter()
        for k, n in gl.items():
            by_rule[k[0]] += n
        print("  by rule: " + ", ".join(f"{r}={n}" for r, n in by_rule.most_common()), file=out)
        return 0
    ss_where = {}
    ss_findings = strip_prefix(load(args.secretsweep_report, "secretsweep"), args.strip_prefix)
    ss = keys_of(ss_findings, "secretsweep", hasher, ss_where)
    if args.keep_dir:
        write_json(os.path.join(args.keep_dir, "secretsweep.sanitized.json"), sanitized(ss_findings, hasher))
    ss_specific = specific_lines(ss_findings)
    ss_generic_beside_specific = set()
    for f in ss_findings:
        if "generic" in str(f.get("RuleID", "")).lower() and \
                (f.get("Commit", ""), f.get("File", ""), f.get("StartLine")) in ss_specific:
            ss_generic_beside_specific.add(
                (f.get("RuleID", ""), f.get("File", ""), hasher.digest(f, "secretsweep")))
    del ss_findings

    gl_set, ss_set = set(gl), set(ss)
    both = gl_set & ss_set
    only_gl = gl_set - ss_set
    only_ss = ss_set - gl_set
    print(f"gitleaks findings: {sum(gl.values())} ({len(gl_set)} unique keys)", file=out)
    print(f"secretsweep findings: {sum(ss.values())} ({len(ss_set)} unique keys)", file=out)
    print(f"in both: {len(both)}", file=out)

    # Secondary view that helps explain differences: the same (rule, secret)
    # found under another path (renames, attribution to another commit's path).
    ss_rule_hash = {(k[0], k[2]) for k in ss_set}
    gl_rule_hash = {(k[0], k[2]) for k in gl_set}
    moved_gl = {k for k in only_gl if (k[0], k[2]) in ss_rule_hash}
    moved_ss = {k for k in only_ss if (k[0], k[2]) in gl_rule_hash}
    ss_hashes = {k[2] for k in ss_set}
    other_rule = {k for k in only_gl - moved_gl if k[2] in ss_hashes}

    kind = "keyed hash" if hasher.key is not None else "SHA-256"
    print(f"differing keys are listed as: rule, file, {kind} prefix of the secret, first commit:line", file=out)
    show("only gitleaks", only_gl, args.limit, out, gl_where)
    if only_gl:
        print(f"  of which same rule+secret reported by secretsweep under another file: {len(moved_gl)}", file=out)
        print(f"  of which same secret reported by secretsweep under another rule: {len(other_rule)}", file=out)

    rules = default_rule_ids(args.gitleaks_rules)
    show("only secretsweep", only_ss, args.limit, out, ss_where)
    if only_ss:
        print(f"  of which same rule+secret reported by gitleaks under another file: {len(moved_ss)}", file=out)
        beside = only_ss & ss_generic_beside_specific
        print(f"  of which generic findings on a line where secretsweep also reports a specific rule "
              f"(gitleaks drops those, detect/utils.go filter): {len(beside)}", file=out)
        if rules is not None:
            own = {k for k in only_ss if k[0] not in rules}
            print(f"  of which from rules not in gitleaks' default config (secretsweep's own rules): {len(own)}", file=out)

    if args.keys_out:
        with open(args.keys_out, "w", encoding="utf-8") as fh:
            for tag, keys, where in (("only-gitleaks", only_gl, gl_where),
                                     ("only-secretsweep", only_ss, ss_where)):
                for k in sorted(keys):
                    fh.write(f"{tag}\t{fmt(k, where)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
