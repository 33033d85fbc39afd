#!/usr/bin/env python3
"""How far tfscan agrees with Checkov's own AWS test suite.

Checkov keeps, for each AWS resource check, a fixture folder
tests/terraform/checks/resource/aws/example_<Name>/ and a test_<Name>.py naming the
resources the check must pass (`passing_resources = {...}`) and fail
(`failing_resources = {...}`); the check class checkov/terraform/checks/resource/aws/
<Name>.py carries its id (`id = "CKV_AWS_NN"`, or `check_id=` for subclasses). tfscan checks name the Checkov ids they
cover in `aliases` (`tfscan checks --format json`).

For every Checkov check that maps to one or more tfscan checks, this scans the fixture
folder with only those checks selected, as Checkov's own test runs only its check on the
folder (`tfscan scan --format json --fail-on none --include-checks IDS`; selecting checks
matters where one finding per cause leaves a rule to a broader check, such as an
allow-all NACL rule, which the administrative-port check reports only when the allow-all
check does not run), and judges each expected resource:

  failing resource: agree    when a finding of a mapped check is on it;
  passing resource: agree    when no finding of a mapped check is on it;
  either:           undecided when there is no such finding but a mapped check's
                    `unknown` entry is on it (counted apart, neither agree nor disagree).

Addresses match as written or without tfscan's instance keys (Checkov names `aws_x.y`
for `aws_x.y[0]`, but keeps for_each keys).
(Checkov id, resource) pairs in the disputed TSV (columns ckv_id, resource, ...) are
left out and counted apart.

    checkov-suite.py BIN CHECKOV_DIR [--disputed FILE.tsv] [--json OUT] [--only CKV_AWS_1,...]

BIN defaults to $TFSCAN or target/release/tfscan. Python 3 standard library only.
"""

import argparse
import ast
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys

FIXTURES = "tests/terraform/checks/resource/aws"
CHECKS = "checkov/terraform/checks/resource/aws"
CKV_ID = re.compile(r"""\b(?:check_)?id\s*=\s*["'](CKV2?_AWS_\d+)["']""")


def strip_keys(address):
    """aws_x.y[0] and module.m["a"].aws_x.y -> aws_x.y and module.m.aws_x.y."""
    return re.sub(r"\[(?:\d+|\"[^\"]*\")\]", "", address)


def literal_set(node):
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "set" and not node.args:
        return set()
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError):
        return None
    return set(value) if isinstance(value, (set, list, tuple)) else None


def parse_test(path):
    """The (module, folder, passing, failing) of each test function in one test file."""
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    imported = {}  # local name -> check module
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("checkov.terraform.checks.resource.aws."):
            for alias in node.names:
                if alias.name == "check":
                    imported[alias.asname or alias.name] = node.module.rsplit(".", 1)[1]
    cases = []
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        folder, sets, used = None, {}, set()
        for node in ast.walk(fn):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                m = re.search(r"(example_[\w.-]+)(/.*)?$", node.value)
                if m and folder is None and not node.value.endswith(".json"):
                    folder = m.group(1)
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name in ("passing_resources", "failing_resources"):
                    s = literal_set(node.value)
                    if s is not None:
                        sets[name] = s
            if isinstance(node, ast.Attribute) and node.attr == "id" and isinstance(node.value, ast.Name):
                used.add(node.value.id)
        if folder is None or not sets:
            continue
        names = [n for n in used if n in imported] or list(imported)
        if len(names) != 1:
            continue
        cases.append((imported[names[0]], folder, sets.get("passing_resources", set()), sets.get("failing_resources", set())))
    return cases


def checkov_id(checkov_dir, module, cache={}):
    if module not in cache:
        path = os.path.join(checkov_dir, CHECKS, module + ".py")
        try:
            with open(path) as f:
                m = CKV_ID.search(f.read())
            cache[module] = m.group(1) if m else None
        except OSError:
            cache[module] = None
    return cache[module]


def read_disputed(path):
    out = {}
    if not path:
        return out
    with open(path) as f:
        for i, line in enumerate(f):
            cols = line.rstrip("\n").split("\t")
            if i == 0 and cols[0] == "ckv_id":
                continue
            if len(cols) >= 2 and cols[0]:
                out[(cols[0], cols[1])] = cols[4] if len(cols) > 4 else ""
    return out


def scan(binary, folder, checks):
    proc = subprocess.run([binary, "scan", "--format", "json", "--fail-on", "none",
                           "--include-checks", ",".join(sorted(checks)), folder],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        return {"findings": [], "unknown": [], "errors": [{"kind": "no report", "message": "exit %d: %s" % (
            proc.returncode, proc.stderr.strip()[:300])}]}


def same_resource(address, expected):
    """Checkov names count instances without their index (aws_x.y) and for_each
    instances with their key (aws_x.y["k"]); tfscan always names the instance."""
    return address == expected or strip_keys(address) == expected


def judge(report, mapped, resource):
    found = sorted({f["check_id"] for f in report.get("findings", [])
                    if f["check_id"] in mapped and same_resource(f["resource"]["address"], resource)})
    unknown = sorted({"%s: %s" % (u["check_id"], u.get("reason", "")) for u in report.get("unknown", [])
                      if u["check_id"] in mapped and same_resource(u["resource"]["address"], resource)})
    return found, unknown


def pct(n, d):
    return "%.1f%%" % (100.0 * n / d) if d else "-"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bin", nargs="?", default=os.environ.get("TFSCAN", "target/release/tfscan"))
    p.add_argument("checkov", metavar="CHECKOV_DIR", nargs="?", default=os.environ.get("CHECKOV", "corpus/checkov"))
    p.add_argument("--disputed", help="TSV of (ckv_id, resource, ...) pairs to leave out")
    p.add_argument("--json", metavar="OUT", help="also write every judgement to OUT")
    p.add_argument("--only", help="comma-separated Checkov ids to judge")
    p.add_argument("--jobs", type=int, default=2)
    args = p.parse_args()
    binary = os.path.abspath(args.bin) if os.sep in args.bin else args.bin

    out = subprocess.run([binary, "checks", "--format", "json"], stdout=subprocess.PIPE, text=True, check=True)
    by_alias = collections.defaultdict(set)
    for c in json.loads(out.stdout):
        for a in c.get("aliases", []):
            by_alias[a].add(c["id"])

    fixtures = os.path.join(args.checkov, FIXTURES)
    cases = []  # (ckv, module, folder, passing, failing)
    unparsed = []
    for name in sorted(os.listdir(fixtures)):
        if name.startswith("test_") and name.endswith(".py"):
            try:
                found = parse_test(os.path.join(fixtures, name))
            except SyntaxError:
                unparsed.append(name)
                continue
            for module, folder, passing, failing in found:
                ckv = checkov_id(args.checkov, module)
                if ckv and os.path.isdir(os.path.join(fixtures, folder)):
                    cases.append((ckv, module, folder, passing, failing))
    only = set(args.only.split(",")) if args.only else None
    all_ids = sorted({c[0] for c in cases})
    mapped_cases = [c for c in cases if c[0] in by_alias and (only is None or c[0] in only)]
    unmapped = sorted({c[0] for c in cases if c[0] not in by_alias})
    disputed = read_disputed(args.disputed)

    runs = sorted({(c[2], c[0]) for c in mapped_cases})
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        reports = dict(zip(runs, pool.map(
            lambda run: scan(binary, os.path.join(fixtures, run[0]), by_alias[run[1]]), runs)))

    per_id = collections.OrderedDict()
    tot = collections.Counter()
    stale = []  # disputed pairs on which tfscan now agrees with Checkov
    for ckv, module, folder, passing, failing in sorted(mapped_cases):
        mapped = by_alias[ckv]
        entry = per_id.setdefault(ckv, {"checkov_check": module, "tfscan_checks": sorted(mapped), "folders": [],
                                        "failing": collections.Counter(), "passing": collections.Counter(),
                                        "resources": [], "scan_errors": []})
        entry["folders"].append(folder)
        report = reports[(folder, ckv)]
        for e in report.get("errors", []):
            msg = "%s: %s" % (e.get("kind"), e.get("message"))
            if msg not in entry["scan_errors"]:
                entry["scan_errors"].append(msg)
        for expected, resources in (("failing", failing), ("passing", passing)):
            for resource in sorted(resources):
                found, unknown = judge(report, mapped, resource)
                if expected == "failing":
                    outcome = "agree" if found else ("undecided" if unknown else "disagree")
                else:
                    outcome = "disagree" if found else ("undecided" if unknown else "agree")
                judged = {"resource": resource, "expected": expected, "outcome": outcome,
                          "folder": folder, "findings": found, "unknown": unknown}
                if (ckv, resource) in disputed:
                    judged["outcome"], judged["would_be"] = "disputed", outcome
                    if outcome == "agree":
                        stale.append((ckv, resource))
                entry[expected][judged["outcome"]] += 1
                tot[(expected, judged["outcome"])] += 1
                entry["resources"].append(judged)

    w = print
    w("tfscan: %s" % binary)
    w("checkov: %s" % os.path.abspath(args.checkov))
    w("disputed: %s (%d pairs)" % (args.disputed or "none", len(disputed)))
    w("")
    w("Checkov checks with fixtures and expected sets: %d; mapped to tfscan: %d; not mapped: %d"
      % (len(all_ids), len(per_id), len(unmapped)))
    if unparsed:
        w("test files that did not parse: %s" % ", ".join(unparsed))
    w("")
    w("Per Checkov id: agreeing/judged resources, then u<undecided> and d<disputed, left out>;")
    w("disagreeing and undecided resources are listed under their id with what tfscan said.")
    w("")
    w("%-12s %-18s %-18s %s" % ("checkov id", "failing agree", "passing agree", "tfscan checks / disagreements"))
    for ckv, e in per_id.items():
        f, s = e["failing"], e["passing"]

        def cell(c):
            n = c["agree"] + c["disagree"] + c["undecided"]
            extra = "".join(" %s%d" % (k[0], c[k]) for k in ("undecided", "disputed") if c[k])
            return "%d/%d%s" % (c["agree"], n, extra)
        w("%-12s %-18s %-18s %s" % (ckv, cell(f), cell(s), ", ".join(e["tfscan_checks"])))
        for r in e["resources"]:
            if r["outcome"] in ("disagree", "undecided"):
                said = ("finding " + ",".join(r["findings"])) if r["findings"] else (
                    ("undecided: " + " | ".join(r["unknown"])) if r["unknown"] else "no finding")
                w("    %-9s %-8s %s (%s) -- tfscan: %s" % (r["outcome"], r["expected"], r["resource"], r["folder"], said[:300]))
        if e["scan_errors"] and any(r["outcome"] in ("disagree", "undecided") for r in e["resources"]):
            for msg in e["scan_errors"][:3]:
                w("    scan error: %s" % msg[:200])

    def line(expected):
        a, d, u, x = (tot[(expected, k)] for k in ("agree", "disagree", "undecided", "disputed"))
        n = a + d + u
        if expected == "failing":
            head = "failing: %d resources; with a mapped finding (agree) %d = %s; undecided %d; no finding %d" % (
                n, a, pct(a, n), u, d)
        else:
            head = ("passing: %d resources; with no mapped finding (agree) %d = %s, of which undecided %d;"
                    " with a finding %d" % (n, a + u, pct(a + u, n), u, d))
        return head + "; agree among decided %s; disputed and left out %d" % (pct(a, a + d), x)
    w("")
    w("TOTAL")
    w("  " + line("failing"))
    w("  " + line("passing"))
    listed = {(k, r["resource"]) for k, v in per_id.items() for r in v["resources"]}
    absent = sorted(k for k in disputed if k not in listed and (only is None or k[0] in only))
    if stale:
        w("")
        w("Disputed pairs on which tfscan now agrees with Checkov (remove them from the list?):")
        for ckv, resource in stale:
            w("  %s\t%s" % (ckv, resource))
    if absent and only is None:
        w("")
        w("Disputed pairs not among the judged resources (%d): %s" % (
            len(absent), ", ".join("%s %s" % k for k in absent)))
    w("")
    w("Checkov ids with fixtures but no tfscan alias (%d): %s" % (len(unmapped), " ".join(unmapped)))

    if args.json:
        data = {"binary": binary, "checkov": os.path.abspath(args.checkov), "disputed": args.disputed,
                "totals": {"%s_%s" % k: v for k, v in sorted(tot.items())},
                "disputed_now_agreeing": ["%s %s" % k for k in stale],
                "unmapped": unmapped,
                "checks": {k: dict(v, failing=dict(v["failing"]), passing=dict(v["passing"])) for k, v in per_id.items()}}
        with open(args.json, "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
