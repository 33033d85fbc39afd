#!/usr/bin/env python3
"""Measure tfscan on real, public Terraform: findings, undecided results and errors.

Scans every example root of a corpus of public repositories (see fetch-corpus.sh) the way
a new user would -- one `tfscan scan --format json --fail-on none DIR` per root, nothing
installed, no variables set -- and prints, per repository and in total, the findings, the
undecided results (the JSON `unknown` entries), the errors, and the undecided share
(undecided / (findings + undecided)). The undecided results are then broken down by check
and by cause: each `reason` is put into one of a few classes by its text (CAUSES below).

    measure-real-code.py BIN CORPUS [--repos vpc,eks,...] [--json OUT]
    measure-real-code.py --compare BEFORE.json AFTER.json

BIN defaults to $TFSCAN or target/release/tfscan, CORPUS to $CORPUS or ./corpus.
Python 3 standard library only.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys

# Short name -> (directory under CORPUS, how to find its roots).
# terraform-aws-modules repositories: every examples/* directory holding .tf files is a
# root of its own (each README says "cd examples/<name> && terraform init && apply").
# terragoat: the AWS stack (tfscan has AWS checks only). sadcloud: its root module with
# its own terraform.tfvars (every misconfiguration switched off; sadcloud.sh switches
# them on).
REPOS = collections.OrderedDict(
    [
        ("vpc", ("terraform-aws-vpc", "examples")),
        ("security-group", ("terraform-aws-security-group", "examples")),
        ("s3-bucket", ("terraform-aws-s3-bucket", "examples")),
        ("rds", ("terraform-aws-rds", "examples")),
        ("eks", ("terraform-aws-eks", "examples")),
        ("iam", ("terraform-aws-iam", "examples")),
        ("lambda", ("terraform-aws-lambda", "examples")),
        ("terragoat", ("terragoat", ["terraform/aws"])),
        ("sadcloud", ("sadcloud", ["sadcloud"])),
    ]
)
# The five repositories of the issue 17 headline (47 roots).
HEADLINE = ["vpc", "security-group", "s3-bucket", "rds", "eks"]

# Causes of undecided results, by the text of the reason; the first match wins, so the
# specific classes come before the general ones. ADDR is a resource or data address
# with an optional module path and instance key.
ADDR = r"(?:module\.[\w-]+(?:\[[^\]]*\])?\.)*"
CAUSES = [
    ("module output missing (registry module)",
     r"are unknown: its source is not available locally|is not installed"),
    ("module outside the scanned tree", r"outside the scanned directory"),
    ("variable without value", r"var\.[\w-]+ has no value"),
    ("count/for_each unknown", r"count or for_each is unknown"),
    ("policy_arn with partition",
     r"^policy_arn is unknown: " + ADDR + r"data\.aws_partition\."),
    ("policy_arn of a policy declared here",
     r"^policy_arn is unknown: " + ADDR + r"aws_iam_policy\.[\w-]+(?:\[[^\]]*\])?\.arn "),
    ("policy: source/override document unknown",
     r"a source or override policy document is unknown"),
    ("policy: statement Resource known after apply",
     r"statement resources are known only after apply"),
    ("policy: statement Principal known after apply",
     r"statement principal identifiers are known only after apply"),
    ("policy: statement Condition known after apply",
     r"statement condition \w+ (?:is|are) known only after apply"),
    ("network path possible, not certain", r"the path is possible, not certain"),
    ("data source known after apply",
     ADDR + r"data\.[\w-]+\.[\w-]+(?:\[[^\]]*\])?\.\S+ is known only after apply"),
    ("resource attribute known after apply",
     ADDR + r"[a-z0-9]+_[\w]+\.[\w-]+(?:\[[^\]]*\])?\.\S+ is known only after apply"),
    ("other", r""),
]
CAUSE_RES = [(name, re.compile(rx)) for name, rx in CAUSES]


def cause_of(reason):
    for name, rx in CAUSE_RES:
        if rx.search(reason):
            return name
    return "other"


def normalize(text):
    """A reason or error message with module paths, instance keys and quoted names folded,
    so the same cause in different roots counts as one raw reason."""
    text = re.sub(r"(?:module\.[\w-]+(?:\[[^\]]*\])?\.?)+", "module.X.", text)
    text = text.replace("module.X. ", "module.X ").replace("module.X.:", "module.X:")
    text = re.sub(r"\[(?:\d+|\"[^\"]*\")\]", "[K]", text)
    return text


def find_roots(corpus, short):
    directory, how = REPOS[short]
    base = os.path.join(corpus, directory)
    if not os.path.isdir(base):
        return None
    if isinstance(how, list):
        candidates = [os.path.join(base, d) for d in how]
    else:
        ex = os.path.join(base, how)
        candidates = [os.path.join(ex, d) for d in sorted(os.listdir(ex))] if os.path.isdir(ex) else []
    return [
        c
        for c in candidates
        if os.path.isdir(c) and any(f.endswith(".tf") for f in os.listdir(c))
    ]


def scan(binary, root):
    proc = subprocess.run(
        [binary, "scan", "--format", "json", "--fail-on", "none", root],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        return json.loads(proc.stdout), None
    except ValueError:
        return None, "exit %d: %s" % (proc.returncode, proc.stderr.strip()[:300])


def summarize(report):
    by_check = collections.defaultdict(lambda: [0, 0])
    by_cause = collections.Counter()
    reasons = collections.defaultdict(collections.Counter)
    cause_checks = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    for f in report.get("findings", []):
        by_check[f["check_id"]][0] += 1
    for u in report.get("unknown", []):
        by_check[u["check_id"]][1] += 1
        cause = cause_of(u.get("reason", ""))
        by_cause[cause] += 1
        reasons[cause][normalize(u.get("reason", ""))] += 1
        cause_checks[cause][u["check_id"]] += 1
        loc = u.get("location", {})
        example = "%s %s:%s" % (u["resource"]["address"], loc.get("file", "?"), loc.get("start", {}).get("line", "?"))
        if example not in examples[cause]:
            examples[cause].append(example)
    errors = collections.Counter(
        "%s: %s" % (e.get("kind", "?"), normalize(re.sub(r"'[^']*'|\"[^\"]*\"", "'S'", e.get("message", ""))))
        for e in report.get("errors", [])
    )
    return {
        "findings": len(report.get("findings", [])),
        "undecided": len(report.get("unknown", [])),
        "errors": len(report.get("errors", [])),
        "by_check": {k: {"findings": v[0], "undecided": v[1]} for k, v in by_check.items()},
        "by_cause": dict(by_cause),
        "cause_reasons": {k: dict(v) for k, v in reasons.items()},
        "cause_checks": {k: dict(v) for k, v in cause_checks.items()},
        "cause_examples": {k: v[:5] for k, v in examples.items()},
        "error_messages": dict(errors),
    }


def merge(parts):
    total = {"findings": 0, "undecided": 0, "errors": 0, "roots": 0}
    by_check = collections.defaultdict(lambda: {"findings": 0, "undecided": 0})
    by_cause = collections.Counter()
    reasons = collections.defaultdict(collections.Counter)
    cause_checks = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    errors = collections.Counter()
    for p in parts:
        total["roots"] += 1
        for k in ("findings", "undecided", "errors"):
            total[k] += p[k]
        for c, v in p["by_check"].items():
            by_check[c]["findings"] += v["findings"]
            by_check[c]["undecided"] += v["undecided"]
        by_cause.update(p["by_cause"])
        for c, r in p["cause_reasons"].items():
            reasons[c].update(r)
        for c, r in p["cause_checks"].items():
            cause_checks[c].update(r)
        for c, r in p["cause_examples"].items():
            for example in r:
                if len(examples[c]) < 8 and example not in examples[c]:
                    examples[c].append(example)
        errors.update(p["error_messages"])
    total["share"] = share(total["findings"], total["undecided"])
    total["by_check"] = dict(sorted(by_check.items()))
    total["by_cause"] = dict(by_cause.most_common())
    total["cause_reasons"] = {k: dict(v.most_common()) for k, v in reasons.items()}
    total["cause_checks"] = {k: dict(v.most_common()) for k, v in cause_checks.items()}
    total["cause_examples"] = dict(examples)
    total["error_messages"] = dict(errors.most_common())
    return total


def share(findings, undecided):
    return round(undecided / (findings + undecided), 4) if findings + undecided else 0.0


def pct(x):
    return "%5.1f%%" % (100 * x)


def report_text(result, top):
    out = []
    w = out.append
    w("tfscan: %s" % result["binary"])
    w("corpus: %s" % result["corpus"])
    for note in result.get("notes", []):
        w("note: " + note)
    w("")
    w("%-16s %5s %8s %9s %6s %8s" % ("repo", "roots", "findings", "undecided", "errors", "undec%"))
    for name, r in result["repos"].items():
        w("%-16s %5d %8d %9d %6d %8s" % (name, r["roots"], r["findings"], r["undecided"], r["errors"], pct(r["share"])))
    t = result["total"]
    w("%-16s %5d %8d %9d %6d %8s" % ("TOTAL", t["roots"], t["findings"], t["undecided"], t["errors"], pct(t["share"])))
    if result.get("failed"):
        w("")
        w("roots whose scan gave no JSON report:")
        for root, why in result["failed"].items():
            w("  %s: %s" % (root, why))
    w("")
    w("Per root (findings / undecided / errors):")
    for root, r in result["roots"].items():
        w("  %-60s %4d %4d %3d" % (root, r["findings"], r["undecided"], r["errors"]))
    w("")
    w("Undecided by cause (share of all undecided; contribution to the undecided share):")
    for cause, n in t["by_cause"].items():
        w("  %5d %s %s  %s" % (n, pct(n / t["undecided"]), pct(n / (t["findings"] + t["undecided"])), cause))
        checks = t["cause_checks"].get(cause, {})
        w("        checks: " + ", ".join("%s %d" % kv for kv in list(checks.items())[:6])
          + (" (+%d more)" % (len(checks) - 6) if len(checks) > 6 else ""))
        for reason, m in list(t["cause_reasons"].get(cause, {}).items())[:top]:
            w("        %4d  %s" % (m, reason[:220]))
        for ex in t["cause_examples"].get(cause, [])[:3]:
            w("          e.g. %s" % ex)
    w("")
    w("Per check (findings, undecided, undecided share), most undecided first:")
    rows = sorted(t["by_check"].items(), key=lambda kv: (-kv[1]["undecided"], -kv[1]["findings"], kv[0]))
    for check, v in rows:
        w("  %5d %5d %s  %s" % (v["findings"], v["undecided"], pct(share(v["findings"], v["undecided"])), check))
    if t["error_messages"]:
        w("")
        w("Errors (kind: message, folded), most frequent first:")
        for msg, n in list(t["error_messages"].items())[: max(top * 3, 20)]:
            w("  %4d  %s" % (n, msg[:200]))
    return "\n".join(out)


def measure(args):
    binary = os.path.abspath(args.bin) if os.sep in args.bin else args.bin
    corpus = os.path.abspath(args.corpus)
    wanted = args.repos.split(",") if args.repos else list(REPOS)
    if args.repos == "headline":
        wanted = HEADLINE
    unknown = [r for r in wanted if r not in REPOS]
    if unknown:
        sys.exit("unknown repo name(s): %s (known: %s, or 'headline')" % (", ".join(unknown), ", ".join(REPOS)))
    result = {"binary": binary, "corpus": corpus, "repos_selected": wanted, "notes": [],
              "repos": collections.OrderedDict(), "roots": collections.OrderedDict(), "failed": {}}
    jobs = []
    for short in wanted:
        roots = find_roots(corpus, short)
        if roots is None:
            result["notes"].append("%s: %s not found in the corpus, skipped" % (short, REPOS[short][0]))
            continue
        if not os.path.exists(os.path.join(corpus, REPOS[short][0], ".git")):
            result["notes"].append(
                "%s: no .git, so tfscan's read boundary is each example directory and "
                "`../../` module sources are refused (clone it, or `git init` it)" % short)
        jobs.extend((short, r) for r in roots)
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        scans = list(pool.map(lambda job: scan(binary, job[1]), jobs))
    per_repo = collections.defaultdict(list)
    for (short, root), (report, failure) in zip(jobs, scans):
        rel = os.path.relpath(root, corpus)
        if report is None:
            result["failed"][rel] = failure
            continue
        s = summarize(report)
        s["repo"] = short
        per_repo[short].append(s)
        result["roots"][rel] = s
    for short in wanted:
        if short in per_repo:
            m = merge(per_repo[short])
            result["repos"][short] = {k: m[k] for k in ("roots", "findings", "undecided", "errors", "share", "by_cause", "by_check")}
    result["total"] = merge([s for parts in per_repo.values() for s in parts])
    print(report_text(result, args.top))
    if args.json:
        slim = dict(result)
        slim["roots"] = {k: {x: v[x] for x in ("repo", "findings", "undecided", "errors", "by_check", "by_cause")}
                         for k, v in result["roots"].items()}
        with open(args.json, "w") as f:
            json.dump(slim, f, indent=1, sort_keys=False)
            f.write("\n")
    return 1 if result["failed"] else 0


def compare(a_path, b_path):
    with open(a_path) as f:
        a = json.load(f)
    with open(b_path) as f:
        b = json.load(f)
    w = print
    w("before: %s (%s)" % (a_path, a["binary"]))
    w("after:  %s (%s)" % (b_path, b["binary"]))
    if a.get("repos_selected") != b.get("repos_selected"):
        w("warning: the two runs selected different repositories: %s vs %s" % (a.get("repos_selected"), b.get("repos_selected")))
    w("")

    def line(label, x, y, fmt="%d"):
        d = y - x
        return "  %-50s %8s -> %-8s (%+d)" % (label, fmt % x, fmt % y, d) if isinstance(d, int) else \
            "  %-50s %8s -> %-8s" % (label, fmt % x, fmt % y)

    w("Totals:")
    for k in ("roots", "findings", "undecided", "errors"):
        w(line(k, a["total"][k], b["total"][k]))
    w("  %-50s %8s -> %s" % ("undecided share", pct(a["total"]["share"]), pct(b["total"]["share"])))
    w("")
    w("Per repo (findings, undecided, errors, share):")
    for repo in list(dict.fromkeys(list(a["repos"]) + list(b["repos"]))):
        x = a["repos"].get(repo, {"findings": 0, "undecided": 0, "errors": 0, "share": 0.0})
        y = b["repos"].get(repo, {"findings": 0, "undecided": 0, "errors": 0, "share": 0.0})
        w("  %-16s F %4d -> %-4d U %4d -> %-4d E %3d -> %-3d share %s -> %s" % (
            repo, x["findings"], y["findings"], x["undecided"], y["undecided"], x["errors"], y["errors"],
            pct(x["share"]), pct(y["share"])))
    w("")
    w("Undecided per cause:")
    causes = list(dict.fromkeys(list(a["total"]["by_cause"]) + list(b["total"]["by_cause"])))
    for c in causes:
        w(line(c, a["total"]["by_cause"].get(c, 0), b["total"]["by_cause"].get(c, 0)))
    w("")
    w("Per check (findings F, undecided U), changed checks only:")
    checks = sorted(set(a["total"]["by_check"]) | set(b["total"]["by_check"]))
    zero = {"findings": 0, "undecided": 0}
    for c in checks:
        x = a["total"]["by_check"].get(c, zero)
        y = b["total"]["by_check"].get(c, zero)
        if x != y:
            w("  %-52s F %4d -> %-4d U %4d -> %-4d" % (c, x["findings"], y["findings"], x["undecided"], y["undecided"]))
    w("")
    w("Per root, changed roots only (findings, undecided, errors):")
    for root in sorted(set(a["roots"]) | set(b["roots"])):
        x = a["roots"].get(root, {"findings": 0, "undecided": 0, "errors": 0})
        y = b["roots"].get(root, {"findings": 0, "undecided": 0, "errors": 0})
        if (x["findings"], x["undecided"], x["errors"]) != (y["findings"], y["undecided"], y["errors"]):
            w("  %-56s F %3d -> %-3d U %3d -> %-3d E %2d -> %-2d" % (
                root, x["findings"], y["findings"], x["undecided"], y["undecided"], x["errors"], y["errors"]))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bin", nargs="?", default=os.environ.get("TFSCAN", "target/release/tfscan"),
                   help="tfscan binary (default $TFSCAN or target/release/tfscan)")
    p.add_argument("corpus", nargs="?", default=os.environ.get("CORPUS", "corpus"),
                   help="directory holding the cloned repositories (default $CORPUS or ./corpus)")
    p.add_argument("--repos", help="comma-separated short names (%s), or 'headline' for %s"
                   % (",".join(REPOS), ",".join(HEADLINE)))
    p.add_argument("--json", metavar="OUT", help="also write every number to OUT (for --compare)")
    p.add_argument("--compare", nargs=2, metavar=("BEFORE.json", "AFTER.json"),
                   help="print before -> after per repo, cause and check, and scan nothing")
    p.add_argument("--jobs", type=int, default=2, help="scans run at once (default 2)")
    p.add_argument("--top", type=int, default=5, help="raw reasons printed per cause (default 5)")
    args = p.parse_args()
    if args.compare:
        return compare(*args.compare)
    return measure(args)


if __name__ == "__main__":
    sys.exit(main())
