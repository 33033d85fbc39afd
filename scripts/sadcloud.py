#!/usr/bin/env python3
"""Which of sadcloud's misconfigurations tfscan finds.

nccgroup/sadcloud switches each misconfiguration on with a boolean module input in
sadcloud/main.tf (`no_logging = false || var.all_cloudtrail_findings || var.all_findings`);
the module creates the bad resource with `count = var.no_logging ? 1 : 0` or sets the bad
value from it. This script

 1. scans sadcloud/ with every `all_*` variable set to true (a .tfvars file it writes
    into a temporary directory and passes with --var-file), as sadcloud's README says
    to enable everything;
 2. scans each flag on its own ("granularly", as the README also describes: a temporary
    copy of the repository whose main.tf sets that one input to true and every other to
    false), because some flags hide others when all are on (`not_configured` removes
    the trail every other CloudTrail flag configures);
 3. scans with every flag off and checks that no finding or undecided result lands on a
    resource whose `count` is 0 in a scenario (checked in every scenario).

A flag counts as found when a finding of one of its expected checks (FLAGS below) is on
a resource whose block reads that flag. FLAGS also says which flags a static scanner
cannot see, and why; those are left out of the count.

    sadcloud.py BIN SADCLOUD_DIR [--json OUT]

BIN defaults to $TFSCAN or target/release/tfscan. Nothing is written in SADCLOUD_DIR.
Python 3 standard library only.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# flag -> expected tfscan checks, or a string: why a scanner of this configuration cannot
# see it. An empty list means visible, but tfscan has no check for it (so it is missed).
FLAGS = {
    "acm.certificate_transparency_disabled": ["aws-acm-certificate-transparency-disabled"],
    "cloudformation.stack_with_role": ["aws-iam-policy-s3-full-access", "aws-iam-policy-wildcard-action",
                                       "aws-iam-policy-wildcard-resource"],
    "cloudformation.stack_with_secret_output": ["aws-cloudformation-stack-secrets"],
    "cloudtrail.no_data_logging": ["aws-cloudtrail-no-s3-data-events"],
    "cloudtrail.no_global_services_logging": ["aws-cloudtrail-no-global-service-events"],
    "cloudtrail.no_log_file_validation": ["aws-cloudtrail-log-validation-disabled"],
    "cloudtrail.no_logging": ["aws-cloudtrail-logging-disabled"],
    "cloudtrail.duplicated_global_services_logging": [],
    "cloudtrail.not_configured": "no trail declared: whether the account has one is outside this configuration",
    "cloudwatch.alarm_without_actions": ["aws-cloudwatch-metric-alarm-no-actions"],
    "config.config_recorder_not_configured": ["aws-config-recorder-not-enabled"],
    "ebs.ebs_default_encryption_disabled": ["aws-ebs-encryption-by-default-disabled"],
    "ebs.ebs_volume_unencrypted": ["aws-ebs-volume-not-encrypted"],
    "ebs.ebs_snapshot_unencrypted": ["aws-ebs-snapshot-not-encrypted"],
    "ec2.disallowed_instance_type": "which instance types are disallowed is an organisation's policy",
    "ec2.instance_with_public_ip": ["aws-ec2-instance-public-ip"],
    "ec2.instance_with_user_data_secrets": ["aws-ec2-user-data-secrets"],
    "ec2.security_group_opens_all_ports_to_all": ["aws-vpc-sg-all-ports-open-to-internet"],
    "ec2.security_group_opens_all_ports_to_self": ["aws-vpc-sg-all-ports-open-to-internet"],
    "ec2.security_group_opens_icmp_to_all": ["aws-vpc-sg-icmp-open-to-internet"],
    "ec2.security_group_opens_known_port_to_all": ["aws-vpc-sg-admin-port-open-to-internet",
                                                   "aws-vpc-sg-database-port-open-to-internet",
                                                   "aws-vpc-sg-port-open-to-internet"],
    "ec2.security_group_opens_plaintext_port": ["aws-vpc-sg-admin-port-open-to-internet",
                                                "aws-vpc-sg-port-open-to-internet"],
    "ec2.security_group_opens_port_range": ["aws-vpc-sg-admin-port-open-to-internet",
                                            "aws-vpc-sg-port-open-to-internet"],
    "ec2.security_group_opens_port_to_all": ["aws-vpc-sg-admin-port-open-to-internet",
                                             "aws-vpc-sg-port-open-to-internet"],
    "ec2.security_group_whitelists_aws_ip_from_banned_region":
        "needs AWS's published IP ranges and a list of banned regions",
    "ec2.security_group_whitelists_aws": "needs AWS's published IP ranges (52.14.0.0/16 is an AWS range)",
    "ec2.ec2_security_group_whitelists_unknown_cidrs": "'unknown' is relative to an organisation's list of known CIDRs",
    "ec2.ec2_unused_security_group": ["aws-vpc-sg-not-attached"],
    "ec2.ec2_unneeded_security_group": ["aws-vpc-sg-not-attached"],
    "ec2.ec2_unexpected_security_group": ["aws-vpc-sg-not-attached"],
    "ec2.ec2_overlapping_security_group": ["aws-vpc-sg-rule-redundant"],
    "ecr.ecr_scanning_disabled": ["aws-ecr-scan-on-push-disabled"],
    "ecr.ecr_repo_public": ["aws-ecr-repository-policy-public"],
    "eks.out_of_date": ["aws-eks-cluster-unsupported-version"],
    "eks.no_logs": ["aws-eks-cluster-control-plane-logging-incomplete"],
    # A public endpoint open to the whole internet is the second check's finding alone.
    "eks.publicly_accessible": ["aws-eks-cluster-public-endpoint", "aws-eks-cluster-public-endpoint-open-to-internet"],
    "eks.globally_accessible": ["aws-eks-cluster-public-endpoint-open-to-internet"],
    "elasticsearch.elasticsearch_logging_disabled": ["aws-opensearch-audit-logs-disabled"],
    "elasticsearch.elasticsearch_open_access": ["aws-opensearch-access-policy-open-to-internet"],
    "elb.no_access_logs": ["aws-elb-classic-access-logging-disabled"],
    "elbv2.no_access_logs": ["aws-elb-access-logging-disabled"],
    "elbv2.no_deletion_protection": ["aws-elb-deletion-protection-disabled"],
    "elbv2.older_ssl_policy": ["aws-elb-listener-outdated-tls-policy"],
    "glacier.glacier_public": ["aws-glacier-vault-policy-public"],
    "iam.password_policy_minimum_length": ["aws-iam-password-policy-short-minimum-length"],
    "iam.password_policy_no_lowercase_required": ["aws-iam-password-policy-missing-character-classes"],
    "iam.password_policy_no_numbers_required": ["aws-iam-password-policy-missing-character-classes"],
    "iam.password_policy_no_uppercase_required": ["aws-iam-password-policy-missing-character-classes"],
    "iam.password_policy_no_symbol_required": ["aws-iam-password-policy-missing-character-classes"],
    "iam.password_policy_reuse_enabled": ["aws-iam-password-policy-allows-reuse"],
    "iam.password_policy_expiration_threshold": ["aws-iam-password-policy-long-max-age"],
    "iam.managed_allows_passrole": "sadcloud's iam module never reads this input (no resource uses it)",
    "iam.inline_role_policy": ["aws-iam-policy-allow-not-action"],
    "iam.inline_group_policy": ["aws-iam-policy-allow-not-action"],
    "iam.inline_user_policy": ["aws-iam-policy-allow-not-action", "aws-iam-user-policy-attached"],
    "iam.assume_role_policy_allows_all": ["aws-iam-role-trust-any-principal"],
    "iam.assume_role_no_mfa": ["aws-iam-role-trust-any-principal"],
    "iam.admin_iam_policy": ["aws-iam-policy-full-admin"],
    "iam.admin_not_indicated_policy": ["aws-iam-policy-full-admin", "aws-iam-administrator-access-attached"],
    "kms.key_rotation_disabled": ["aws-kms-key-rotation-disabled"],
    "kms.kms_key_exposed": ["aws-kms-key-policy-public"],
    "lightsail.lightsail_in_use": "using Lightsail is not a misconfiguration of the resource",
    "rds.no_minor_upgrade": ["aws-rds-auto-minor-version-upgrade-disabled"],
    "rds.backup_disabled": ["aws-rds-backup-retention-too-short"],
    "rds.storage_not_encrypted": ["aws-rds-storage-not-encrypted"],
    "rds.single_az": ["aws-rds-instance-not-multi-az"],
    "rds.rds_publicly_accessible": ["aws-rds-publicly-accessible"],
    "redshift.parameter_group_ssl_not_required": ["aws-redshift-parameter-group-ssl-not-required"],
    "redshift.parameter_group_logging_disabled": ["aws-redshift-parameter-group-user-activity-logging-disabled"],
    "redshift.cluster_publicly_accessible": ["aws-redshift-publicly-accessible"],
    "redshift.cluster_no_version_upgrade": ["aws-redshift-version-upgrade-disabled"],
    "redshift.cluster_database_not_encrypted": ["aws-redshift-not-encrypted"],
    "s3.allow_cleartext": "sadcloud implements it inverted: the flag adds a policy that denies non-TLS access",
    "s3.no_default_encryption": ["aws-s3-bucket-encryption-disabled"],
    "s3.no_logging": ["aws-s3-bucket-access-logging-disabled"],
    "s3.no_versioning": ["aws-s3-bucket-versioning-disabled"],
    "s3.website_enabled": "sadcloud implements it inverted: the website block is added when the flag is false",
    "s3.s3_getobject_only": ["aws-s3-bucket-policy-public"],
    "s3.s3_public": ["aws-s3-bucket-policy-public"],
    "ses.no_dkim_enabled": ["aws-ses-domain-dkim-disabled"],
    "ses.identity_world_policy": ["aws-ses-identity-policy-public"],
    "sns.topic_world_policy": ["aws-sns-topic-policy-public"],
    "sqs.queue_world_policy": ["aws-sqs-queue-policy-public"],
    "sqs.sqs_server_side_encryption_disabled": "obsolete: since October 2022 SQS encrypts every new queue with "
                                               "SSE-SQS unless sqs_managed_sse_enabled = false, which sadcloud does not set",
}
# Why a visible flag has no expected check (printed with the missed flags).
NO_CHECK = {
    "cloudtrail.duplicated_global_services_logging": "two trails both logging global service events: no check on "
                                                     "purpose (each event stored twice is cost and noise, not a gap; "
                                                     "a second trail for another audience is often intended)",
}
# Flags that remove a companion (`count = var.flag ? 0 : 1`): the finding lands on the
# resource the companion would have served, whose block does not read the flag.
COMPANION_OF = {
    "ses.no_dkim_enabled": "aws_ses_domain_identity.main",  # its aws_ses_domain_dkim
}
INFRA = {"needs_network"}  # inputs that build the network the others need, not findings


def blocks(path):
    """(kind, type, name, text) of each top-level resource/data block in a .tf file, by
    brace depth, skipping heredoc bodies (whose braces need not balance)."""
    out, current, heredoc, depth = [], None, None, 0
    with open(path) as f:
        for line in f:
            if heredoc:
                if current is not None:
                    current[3].append(line)
                if line.strip() == heredoc:
                    heredoc = None
                continue
            m = re.match(r'^(resource|data)\s+"([\w-]+)"\s+"([\w-]+)"', line)
            if m and current is None:
                current, depth = [m.group(1), m.group(2), m.group(3), []], 0
            if current is None:
                continue
            current[3].append(line)
            code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line.split("#", 1)[0])
            depth += code.count("{") - code.count("}")
            h = re.search(r"<<-?\s*(\w+)\s*$", line)
            if h:
                heredoc = h.group(1)
            elif depth <= 0:
                out.append((current[0], current[1], current[2], "".join(current[3])))
                current = None
    return out


def to_python(expr, values):
    """A sadcloud boolean expression (var refs, ||, &&, !, ==, true/false) as Python."""
    def var(m):
        return repr(bool(values.get(m.group(1), False)))
    e = re.sub(r"\bvar\.(\w+)", var, expr)
    e = e.replace("||", " or ").replace("&&", " and ")
    e = re.sub(r"!(?!=)", " not ", e)
    e = re.sub(r"\btrue\b", "True", e)
    e = re.sub(r"\bfalse\b", "False", e)
    return e


def eval_count(expr, values):
    m = re.match(r"^(.*)\?\s*(\d+)\s*:\s*(\d+)\s*$", expr.strip())
    try:
        if m:
            return int(m.group(2)) if eval(to_python(m.group(1), values), {"__builtins__": {}}) else int(m.group(3))
        return int(expr)
    except Exception:  # noqa: BLE001 - anything this tiny evaluator does not know is "unknown"
        return None


def load(sadcloud):
    root = os.path.join(sadcloud, "sadcloud")
    with open(os.path.join(root, "main.tf")) as f:
        main = f.read()
    modules = collections.OrderedDict()  # module name -> {"dir", "inputs": {input: expr}}
    for m in re.finditer(r'^module\s+"([\w-]+)"\s*\{(.*?)^\}', main, re.S | re.M):
        body = m.group(2)
        src = re.search(r'source\s*=\s*"([^"]+)"', body)
        inputs = collections.OrderedDict(
            (i.group(1), i.group(2).strip())
            for i in re.finditer(r"^\s*(\w+)\s*=\s*((?:false|true)\s*\|\|.*)$", body, re.M))
        modules[m.group(1)] = {"dir": os.path.normpath(os.path.join(root, src.group(1))) if src else None,
                               "inputs": inputs}
    res = {}  # (module, "type.name" or "data.type.name") -> {"count": expr or None, "flags": set}
    for name, mod in modules.items():
        if not mod["dir"] or not os.path.isdir(mod["dir"]):
            continue
        for fn in sorted(os.listdir(mod["dir"])):
            if not fn.endswith(".tf"):
                continue
            for kind, typ, rname, text in blocks(os.path.join(mod["dir"], fn)):
                key = ("data." if kind == "data" else "") + typ + "." + rname
                count = re.search(r"^\s*count\s*=\s*(.+)$", text, re.M)
                res[(name, key)] = {"count": count.group(1).strip() if count else None,
                                    "flags": set(re.findall(r"\bvar\.(\w+)", text)) & set(mod["inputs"])}
    for fid, key in COMPANION_OF.items():
        module, flag = fid.split(".", 1)
        if (module, key) in res:
            res[(module, key)]["flags"].add(flag)
    variables = re.findall(r'variable\s+"(all_\w*findings)"', open(os.path.join(root, "variables.tf")).read())
    return root, modules, res, variables


def run(binary, directory, var_file=None):
    cmd = [binary, "scan", "--format", "json", "--fail-on", "none"]
    if var_file:
        cmd += ["--var-file", var_file]
    proc = subprocess.run(cmd + [directory], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        sys.exit("tfscan gave no JSON report for %s: exit %d: %s" % (directory, proc.returncode, proc.stderr[:500]))


def split_address(address):
    """module.ec2.aws_instance.main[0] -> ("ec2", "aws_instance.main")."""
    m = re.match(r'^module\.([\w-]+)(?:\[[^\]]*\])?\.(.+)$', address)
    if not m:
        return None, re.sub(r"\[[^\]]*\]$", "", address)
    return m.group(1), re.sub(r"\[[^\]]*\]$", "", m.group(2))


def judge(report, modules, res, inputs_values):
    """Per flag: expected checks found on its resources, and every check on them; plus the
    results on resources whose count is 0 under inputs_values ({module: {input: bool}})."""
    found = collections.defaultdict(set)
    seen = collections.defaultdict(set)
    undecided = collections.defaultdict(set)
    ghosts = []
    entries = [("finding", f) for f in report.get("findings", [])] + [("undecided", u) for u in report.get("unknown", [])]
    for kind, e in entries:
        module, key = split_address(e["resource"]["address"])
        info = res.get((module, key))
        if info is None:
            continue
        if info["count"] is not None and eval_count(info["count"], inputs_values.get(module, {})) == 0:
            ghosts.append("%s %s on %s (count = %s)" % (kind, e["check_id"], e["resource"]["address"], info["count"]))
        if kind != "finding":
            for flag in info["flags"]:
                fid = "%s.%s" % (module, flag)
                if isinstance(FLAGS.get(fid), list) and e["check_id"] in FLAGS[fid]:
                    undecided[fid].add("%s: %s" % (e["check_id"], e.get("reason", "")))
            continue
        for flag in info["flags"]:
            fid = "%s.%s" % (module, flag)
            seen[fid].add(e["check_id"])
            if isinstance(FLAGS.get(fid), list) and e["check_id"] in FLAGS[fid]:
                found[fid].add(e["check_id"])
    return found, seen, undecided, ghosts


def root_values(modules, variables, value):
    """Module input values when every all_* variable is `value` (the inputs are
    `false || var.all_x_findings || var.all_findings`)."""
    vals = {v: value for v in variables}
    return {m: {i: bool(eval(to_python(expr, vals), {"__builtins__": {}})) for i, expr in mod["inputs"].items()}
            for m, mod in modules.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("bin", nargs="?", default=os.environ.get("TFSCAN", "target/release/tfscan"))
    p.add_argument("sadcloud", metavar="SADCLOUD_DIR", nargs="?", default=os.environ.get("SADCLOUD", "corpus/sadcloud"))
    p.add_argument("--json", metavar="OUT")
    args = p.parse_args()
    binary = os.path.abspath(args.bin) if os.sep in args.bin else args.bin
    root, modules, res, variables = load(os.path.abspath(args.sadcloud))
    flags = ["%s.%s" % (m, i) for m, mod in modules.items() for i in mod["inputs"] if i not in INFRA]
    unmapped = [f for f in flags if f not in FLAGS]
    w = print
    w("tfscan: %s" % binary)
    w("sadcloud: %s (%d flags in main.tf, %d all_* variables)" % (root, len(flags), len(variables)))
    if unmapped:
        w("flags this script does not know (add them to FLAGS): %s" % ", ".join(unmapped))
    if not os.path.exists(os.path.join(args.sadcloud, ".git")):
        w("note: %s has no .git: tfscan refuses the ../modules sources; clone it or `git init` it" % args.sadcloud)

    tmp = tempfile.mkdtemp(prefix="tfscan-sadcloud-")
    result = {"binary": binary, "sadcloud": root, "flags": {}}
    ghosts_all = []
    try:
        scen = {}
        for label, value in (("all-on", True), ("all-off", False)):
            tfvars = os.path.join(tmp, label + ".tfvars")
            with open(tfvars, "w") as f:
                f.writelines("%s = %s\n" % (v, "true" if value else "false") for v in variables)
            report = run(binary, root, tfvars)
            found, seen, undecided, ghosts = judge(report, modules, res, root_values(modules, variables, value))
            scen[label] = (report, found, seen, undecided)
            ghosts_all += ["[%s] %s" % (label, g) for g in ghosts]
        # One flag at a time, in a copy whose main.tf sets the inputs literally.
        copy = os.path.join(tmp, "sadcloud")
        shutil.copytree(os.path.dirname(root), copy, ignore=shutil.ignore_patterns(".git"))
        os.makedirs(os.path.join(copy, ".git"))  # the read boundary: ../modules is inside
        with open(os.path.join(root, "main.tf")) as f:
            main_tf = f.read()
        iso = {}
        for fid in flags:
            module, flag = fid.split(".", 1)

            def literal(m, module=module, flag=flag):
                return "%s%s = %s" % (m.group(1), m.group(2), "true" if m.group(2) in (flag, *INFRA) else "false")
            text, pos, out = main_tf, 0, []
            for mm in re.finditer(r'^module\s+"([\w-]+)"\s*\{(.*?)^\}', text, re.S | re.M):
                body = mm.group(0)
                if mm.group(1) == module:
                    body = re.sub(r"^(\s*)(\w+)\s*=\s*(?:false|true)\s*\|\|.*$", literal, body, flags=re.M)
                else:
                    body = re.sub(r"^(\s*)(\w+)\s*=\s*(?:false|true)\s*\|\|.*$",
                                  lambda m: "%s%s = %s" % (m.group(1), m.group(2), "true" if m.group(2) in INFRA else "false"),
                                  body, flags=re.M)
                out.append(text[pos:mm.start()])
                out.append(body)
                pos = mm.end()
            out.append(text[pos:])
            with open(os.path.join(copy, "sadcloud", "main.tf"), "w") as f:
                f.write("".join(out))
            values = {m: {i: (m == module and i == flag) or i in INFRA for i in mod["inputs"]} for m, mod in modules.items()}
            report = run(binary, os.path.join(copy, "sadcloud"))
            found, seen, undecided, ghosts = judge(report, modules, res, values)
            iso[fid] = (found.get(fid, set()), seen.get(fid, set()), undecided.get(fid, set()))
            ghosts_all += ["[%s alone] %s" % (fid, g) for g in ghosts]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    on_report, on_found, on_seen, on_undecided = scen["all-on"]
    off_report = scen["all-off"][0]
    w("")
    for label in ("all-on", "all-off"):
        r = scen[label][0]
        w("%-8s scan: %d findings, %d undecided, %d errors" % (label, len(r["findings"]), len(r["unknown"]), len(r["errors"])))
        for e in r["errors"][:10]:
            w("    error: %s: %s" % (e.get("kind"), e.get("message", "")[:200]))
    w("")
    w("found: a finding of an expected check is on a resource reading the flag; undec: only an")
    w("undecided result of one is. Last column: expected checks | findings on its resources when alone.")
    w("%-52s %-7s %-9s %s" % ("flag", "all-on", "alone", "expected check(s) | checks seen on its resources when alone"))
    visible = [f for f in flags if isinstance(FLAGS.get(f), list)]
    counts = collections.Counter()
    for fid in flags:
        spec = FLAGS.get(fid)
        if not isinstance(spec, list):
            continue
        a = bool(on_found.get(fid))
        b = bool(iso[fid][0])
        counts["all-on"] += a
        counts["alone"] += b
        counts["either"] += a or b
        ua = sorted(on_undecided.get(fid, ()))
        ub = sorted(iso[fid][2])
        result["flags"][fid] = {"visible": True, "expected": spec, "found_all_on": a, "found_alone": b,
                                "undecided_all_on": ua, "undecided_alone": ub,
                                "seen_all_on": sorted(on_seen.get(fid, ())), "seen_alone": sorted(iso[fid][1])}
        w("%-52s %-7s %-9s %s | %s" % (fid, "found" if a else ("undec" if ua else "-"),
                                       "found" if b else ("undec" if ub else "-"),
                                       ",".join(spec) or "(no check)", ",".join(sorted(iso[fid][1])) or "nothing"))
    for fid in flags:
        if not isinstance(FLAGS.get(fid), list):
            result["flags"][fid] = {"visible": False, "why": FLAGS.get(fid, "unknown flag")}
    w("")
    w("Flags: %d; visible to a static scanner: %d; not visible: %d" % (len(flags), len(visible), len(flags) - len(visible)))
    w("Found with all flags on: %d of %d" % (counts["all-on"], len(visible)))
    w("Found with the flag alone: %d of %d" % (counts["alone"], len(visible)))
    w("Found either way: %d of %d" % (counts["either"], len(visible)))
    w("")
    w("Missed (visible, found neither way):")
    for fid in visible:
        r = result["flags"][fid]
        if not (r["found_all_on"] or r["found_alone"]):
            why = NO_CHECK.get(fid) or "expected %s; findings on its resources: %s" % (
                ",".join(FLAGS[fid]), ",".join(sorted(set(r["seen_alone"]) | set(r["seen_all_on"]))) or "none")
            w("  %-50s %s" % (fid, why))
            for u in sorted(set(r["undecided_alone"]) | set(r["undecided_all_on"])):
                w("  %-50s   undecided: %s" % ("", u[:200]))
    w("")
    w("Found alone but not with all flags on (hidden by another flag):")
    for fid in visible:
        r = result["flags"][fid]
        if r["found_alone"] and not r["found_all_on"]:
            w("  %s" % fid)
    w("")
    w("Found with all flags on but not alone (in sadcloud the flag needs another one):")
    for fid in visible:
        r = result["flags"][fid]
        if r["found_all_on"] and not r["found_alone"]:
            w("  %s" % fid)
    w("")
    w("Not visible to a static scanner (left out of the count):")
    for fid in flags:
        if not isinstance(FLAGS.get(fid), list):
            w("  %-50s %s" % (fid, FLAGS.get(fid, "unknown flag")))
    w("")
    w("Results on resources that count = 0 removes (must be none): %d" % len(ghosts_all))
    for g in ghosts_all:
        w("  " + g)
    result["summary"] = {"flags": len(flags), "visible": len(visible), "found_all_on": counts["all-on"],
                         "found_alone": counts["alone"], "found_either": counts["either"],
                         "count_zero_results": ghosts_all,
                         "all_on": {k: len(on_report[k]) for k in ("findings", "unknown", "errors")},
                         "all_off": {k: len(off_report[k]) for k in ("findings", "unknown", "errors")}}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
