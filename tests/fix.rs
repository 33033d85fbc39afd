//! `tfscan fix` on every sample whose check has a fix, on copies in a temporary
//! directory: the fixed findings are gone on rescan, every byte outside the fixed
//! resource blocks is unchanged, and (where Terraform and the offline provider mirror
//! are present) `terraform validate` accepts the fixed configuration.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use hcl_edit::Span as _;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("terraform-samples")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&p, to.join(entry.file_name())).expect("copy");
        }
    }
}

fn scan(dir: &Path) -> tfscan::report::Report {
    let opts = tfscan::Options {
        path: dir.to_path_buf(),
        ..Default::default()
    };
    tfscan::scan(&opts).expect("scan")
}

/// The line ranges (0-based, end exclusive) of the resource blocks whose headers start on
/// these 1-based lines.
fn block_lines(text: &str, headers: &BTreeSet<usize>) -> Vec<std::ops::Range<usize>> {
    let body = hcl_edit::parser::parse_body(text).expect("parses");
    let line_of = |offset: usize| text.get(..offset).unwrap_or("").matches('\n').count();
    body.blocks()
        .filter_map(|b| b.span())
        .filter(|s| headers.contains(&(line_of(s.start) + 1)))
        .map(|s| line_of(s.start)..line_of(s.end) + 1)
        .collect()
}

/// Every line outside the fixed blocks is unchanged and in place: deleted or replaced
/// lines lie inside a fixed block, and inserted lines go inside one or at the end (a new
/// variable).
fn assert_untouched_outside(
    name: &str,
    before: &str,
    after: &str,
    blocks: &[std::ops::Range<usize>],
) {
    let lines_before = before.split_inclusive('\n').count();
    let diff = similar::TextDiff::from_lines(before, after);
    for op in diff.ops() {
        let old = op.old_range();
        let inside = |r: &std::ops::Range<usize>| {
            blocks.iter().any(|b| {
                b.start <= r.start && r.end <= b.end && (r.start < r.end || r.start > b.start)
            })
        };
        match op.tag() {
            similar::DiffTag::Equal => {}
            similar::DiffTag::Insert => assert!(
                inside(&old) || old.start == lines_before,
                "{name}: lines inserted outside a fixed block at line {}",
                old.start + 1
            ),
            similar::DiffTag::Delete | similar::DiffTag::Replace => assert!(
                inside(&old),
                "{name}: lines {}..{} changed outside a fixed block",
                old.start + 1,
                old.end
            ),
        }
    }
}

#[test]
fn fixes_remove_their_findings_and_touch_nothing_else() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut with_fix = Vec::new();
    for fix in tfscan::fix::FIXES {
        let fail = samples().join(fix.check).join("fail");
        if fail.is_dir() {
            with_fix.push((fix.check, fail));
        }
    }
    assert!(
        with_fix.len() >= 15,
        "{} samples have a fix",
        with_fix.len()
    );
    let mut fixed_dirs = Vec::new();
    for (check, fail) in &with_fix {
        let dir = tmp.path().join(check);
        copy_dir(fail, &dir);
        let before = scan(&dir);
        let (files, outcomes) = tfscan::fix::fix_report(&before);
        let fixed: Vec<&tfscan::fix::Outcome> =
            outcomes.iter().filter(|o| o.result.is_ok()).collect();
        assert!(
            fixed.iter().any(|o| o.check == *check),
            "{check}: no finding of the sample was fixed: {outcomes:#?}"
        );
        for f in &files {
            let headers: BTreeSet<usize> = fixed
                .iter()
                .filter(|o| o.file == f.rel)
                .map(|o| o.line)
                .collect();
            let blocks = block_lines(&f.before, &headers);
            assert_untouched_outside(&format!("{check}/{}", f.rel), &f.before, &f.after, &blocks);
            std::fs::write(&f.path, &f.after).expect("write");
        }
        let after = scan(&dir);
        for o in &fixed {
            let left: Vec<_> = after
                .findings
                .iter()
                .filter(|f| f.check.id == o.check && *f.resource.address == *o.address)
                .collect();
            assert!(
                left.is_empty(),
                "{check}: {} still has {}: {left:#?}",
                o.address,
                o.check
            );
        }
        // Fixing again finds nothing more to fix for what was fixed.
        let (_, again) = tfscan::fix::fix_report(&after);
        assert!(
            again.iter().all(|a| a.result.is_err()
                || !fixed
                    .iter()
                    .any(|o| o.address == a.address && o.check == a.check)),
            "{check}: {again:#?}"
        );
        fixed_dirs.push(dir);
    }
    terraform_validates(tmp.path(), &fixed_dirs);
}

/// `terraform validate` on every fixed sample at once, each called as a module of one
/// root, when Terraform and the offline provider mirror (see tests/conformance/plan.sh)
/// are present.
fn terraform_validates(base: &Path, dirs: &[PathBuf]) {
    let mirror = std::env::var_os("TF_PLUGIN_MIRROR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/tf-plugins"));
    let has_terraform = Command::new("terraform")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_terraform || !mirror.is_dir() {
        eprintln!("terraform or its provider mirror is missing: validation skipped");
        return;
    }
    let root = base.join("zz-validate");
    std::fs::create_dir_all(&root).expect("mkdir");
    let provider = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/provider.tf.txt"),
    )
    .expect("provider");
    let mut main = provider;
    for (i, dir) in dirs.iter().enumerate() {
        // Variables without a default are the module's required inputs.
        let mut inputs = String::new();
        for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let Ok(body) = hcl_edit::parser::parse_body(&text) else {
                continue;
            };
            for b in body.blocks().filter(|b| b.ident.as_str() == "variable") {
                if b.body.get_attribute("default").is_none()
                    && let Some(name) = b.labels.first()
                {
                    inputs.push_str(&format!("  {} = null\n", name.as_str()));
                }
            }
        }
        main.push_str(&format!(
            "\nmodule \"m{i}\" {{\n  source = \"{}\"\n{inputs}}}\n",
            dir.display()
        ));
    }
    std::fs::write(root.join("main.tf"), main).expect("write");
    let terraform = |args: &[&str]| {
        Command::new("terraform")
            .args(args)
            .current_dir(&root)
            .env("TF_IN_AUTOMATION", "1")
            .env("TF_CLI_CONFIG_FILE", "/dev/null")
            .output()
            .expect("terraform runs")
    };
    let plugin_dir = format!("-plugin-dir={}", mirror.display());
    let init = terraform(&["init", "-backend=false", "-input=false", &plugin_dir]);
    assert!(
        init.status.success(),
        "terraform init: {}",
        String::from_utf8_lossy(&init.stdout)
    );
    let validate = terraform(&["validate", "-no-color"]);
    assert!(
        validate.status.success(),
        "terraform validate: {}{}",
        String::from_utf8_lossy(&validate.stdout),
        String::from_utf8_lossy(&validate.stderr)
    );
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = "resource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"eu-west-1a\" # az\n  size = 1\n}\n";
    let file = tmp.path().join("main.tf");
    std::fs::write(&file, text).expect("write");
    let dir = tmp.path().display().to_string();
    let out = common::tfscan(&["fix", "--dry-run", &dir]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "--- a/main.tf\n+++ b/main.tf\n@@ -1,4 +1,5 @@\n resource \"aws_ebs_volume\" \"v\" {\n   availability_zone = \"eu-west-1a\" # az\n   size = 1\n+  encrypted = true\n }\n"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "tfscan: fixed main.tf:1 aws_ebs_volume.v (aws-ebs-volume-not-encrypted): Encrypt the volume\n"
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
    let out = common::tfscan(&["fix", &dir]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        text.replace("  size = 1\n", "  size = 1\n  encrypted = true\n")
    );
}

#[test]
fn a_value_written_as_an_expression_is_skipped_and_said_so() {
    let dir = common::dir_with(&[(
        "main.tf",
        "variable \"enc\" {\n  default = false\n}\nresource \"aws_ebs_volume\" \"v\" {\n  availability_zone = \"eu-west-1a\"\n  size = 1\n  encrypted = var.enc\n}\n",
    )]);
    let path = dir.path().display().to_string();
    let out = common::tfscan(&["fix", &path]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "tfscan: skipped main.tf:4 aws_ebs_volume.v (aws-ebs-volume-not-encrypted): `encrypted` is an expression, not a literal: change what it refers to\n"
    );
}

#[test]
fn an_open_cidr_on_an_admin_port_becomes_a_variable_and_the_check_is_undecided() {
    let text = "variable \"office\" {\n  type    = string\n  default = \"0.0.0.0/0\"\n}\n\nresource \"aws_security_group\" \"ssh\" {\n  name        = \"ssh\"\n  description = \"SSH for admins\"\n\n  ingress {\n    description      = \"SSH\" # keep\n    from_port        = 22\n    to_port          = 22\n    protocol         = \"tcp\"\n    cidr_blocks      = [\"0.0.0.0/0\"]\n    ipv6_cidr_blocks = [\"::/0\"]\n  }\n}\n\nresource \"aws_security_group_rule\" \"rdp\" {\n  type              = \"ingress\"\n  description       = \"RDP\"\n  security_group_id = aws_security_group.ssh.id\n  protocol          = \"tcp\"\n  from_port         = 3389\n  to_port           = 3389\n  cidr_blocks       = [ \"0.0.0.0/0\" ]   # wide\n}\n\nresource \"aws_security_group\" \"from_variable\" {\n  name        = \"from-variable\"\n  description = \"SSH from a variable\"\n\n  ingress {\n    description = \"SSH\"\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [var.office]\n  }\n}\n";
    let dir = common::dir_with(&[("main.tf", text)]);
    let path = dir.path().display().to_string();
    let out = common::tfscan(&["fix", &path]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "tfscan: fixed main.tf:6 aws_security_group.ssh (aws-vpc-sg-admin-port-open-to-internet): Narrow the open CIDR to a variable\n\
         tfscan: fixed main.tf:20 aws_security_group_rule.rdp (aws-vpc-sg-admin-port-open-to-internet): Narrow the open CIDR to a variable\n\
         tfscan: skipped main.tf:30 aws_security_group.from_variable (aws-vpc-sg-admin-port-open-to-internet): `cidr_blocks` is an expression, not a literal: narrow what it refers to\n"
    );
    let expected = text
        .replace(
            "cidr_blocks      = [\"0.0.0.0/0\"]",
            "cidr_blocks      = var.ssh_admin_cidr_blocks",
        )
        .replace("[\"::/0\"]", "var.ssh_admin_ipv6_cidr_blocks")
        .replace("[ \"0.0.0.0/0\" ]", "var.rdp_admin_cidr_blocks")
        + "\nvariable \"rdp_admin_cidr_blocks\" {\n  description = \"The CIDR blocks allowed to reach the administrative ports of aws_security_group_rule.rdp (it was 0.0.0.0/0, the whole internet)\"\n  type        = list(string)\n}\n\
           \nvariable \"ssh_admin_cidr_blocks\" {\n  description = \"The CIDR blocks allowed to reach the administrative ports of aws_security_group.ssh (it was 0.0.0.0/0, the whole internet)\"\n  type        = list(string)\n}\n\
           \nvariable \"ssh_admin_ipv6_cidr_blocks\" {\n  description = \"The CIDR blocks allowed to reach the administrative ports of aws_security_group.ssh (it was ::/0, the whole internet)\"\n  type        = list(string)\n}\n";
    let after = std::fs::read_to_string(dir.path().join("main.tf")).expect("read");
    assert_eq!(after, expected);
    // The new variables have no value: the check cannot decide the narrowed rules, and
    // says so; the rule whose CIDR comes from a variable default is still found.
    let report = scan(dir.path());
    let admin = "aws-vpc-sg-admin-port-open-to-internet";
    let found: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.check.id == admin)
        .map(|f| f.resource.address.to_string())
        .collect();
    assert_eq!(found, ["aws_security_group.from_variable"]);
    let undecided: Vec<(String, String)> = report
        .unknown
        .iter()
        .filter(|u| u.check.id == admin)
        .map(|u| (u.resource.address.to_string(), u.reason.clone()))
        .collect();
    assert_eq!(
        undecided,
        [
            (
                "aws_security_group.ssh".to_string(),
                "cidr_blocks: var.ssh_admin_cidr_blocks has no value (no default, not set)"
                    .to_string()
            ),
            (
                "aws_security_group_rule.rdp".to_string(),
                "cidr_blocks: var.rdp_admin_cidr_blocks has no value (no default, not set)"
                    .to_string()
            ),
        ]
    );
}

/// Terraform refuses a second `variable` block of one name anywhere in a module: a fix
/// that needs a variable another file already declares refers to it, and two files of
/// one module that need the same new variable declare it once.
#[test]
fn a_variable_another_file_of_the_module_declares_is_not_declared_again() {
    let topic =
        |name: &str| format!("resource \"aws_sns_topic\" \"{name}\" {{\n  name = \"{name}\"\n}}\n");
    let lb = "resource \"aws_lb\" \"web\" {\n  name = \"web\"\n}\n";
    let variables = "variable \"alerts_kms_key_id\" {\n  type = string\n}\n";
    let dir = common::dir_with(&[
        ("alerts.tf", topic("alerts").as_str()),
        ("variables.tf", variables),
        ("web_a.tf", lb),
        ("web_b.tf", lb.replace("aws_lb", "aws_alb").as_str()),
        ("web_c/main.tf", lb),
        ("z.tf", topic("web").as_str()),
    ]);
    let path = dir.path().display().to_string();
    let out = common::tfscan(&["fix", &path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).expect("read");
    assert_eq!(
        read("alerts.tf"),
        "resource \"aws_sns_topic\" \"alerts\" {\n  name = \"alerts\"\n  kms_master_key_id = var.alerts_kms_key_id\n}\n"
    );
    assert_eq!(read("variables.tf"), variables);
    let web_variable = "variable \"web_access_logs_bucket\" {";
    // aws_lb.web and aws_alb.web need the same variable: web_a.tf (fixed first) declares
    // it and web_b.tf refers to it; z.tf's topic `web` needs another one; web_c is
    // another module and declares its own.
    assert_eq!(read("web_a.tf").matches(web_variable).count(), 1);
    assert_eq!(read("web_b.tf").matches(web_variable).count(), 0);
    assert!(read("web_b.tf").contains("bucket = var.web_access_logs_bucket"));
    assert_eq!(read("web_c/main.tf").matches(web_variable).count(), 1);
    assert!(read("z.tf").contains("variable \"web_kms_key_id\" {"));
    assert!(!read("z.tf").contains(web_variable));
}
