//! The command as a user runs it: exit codes, stdout/stderr separation, bad input, and
//! the JSON report against its schema.

mod common;

use common::{dir_with, sample, tfscan};
use std::path::Path;
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).expect("stdout is a JSON report")
}

/// The JSON report of a root holding one `main.tf`.
fn json_of_main(text: &str) -> serde_json::Value {
    let dir = dir_with(&[("main.tf", text)]);
    json(&tfscan(&[
        "scan",
        "--format",
        "json",
        &dir.path().display().to_string(),
    ]))
}

const OPEN_SSH: &[u8] = br#"
resource "aws_security_group" "ssh" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
    description = "SSH to the bastion"
  }
  description = "Bastion"
}

resource "aws_network_interface" "ssh" {
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.ssh.id]
}
"#;

#[test]
fn showcase_exits_1_with_underlined_findings() {
    let out = tfscan(&["scan", &sample("showcase")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[aws-vpc-sg-admin-port-open-to-internet] critical: Administrative port open to the internet: module.web_sg.aws_security_group.this"));
    assert!(text.contains("allows SSH (tcp/22) from 0.0.0.0/0"));
    assert!(text.contains("0.0.0.0/0 is the default of var.admin_cidrs"));
    assert!(
        text.contains("───┬───"),
        "the offending source is underlined"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    assert!(
        text.lines()
            .last()
            .unwrap_or("")
            .starts_with("28 findings (1 critical, 2 high, 14 medium, 11 low)")
    );
}

#[test]
fn json_report_validates_against_the_schema_and_ranges_are_exact() {
    let out = tfscan(&["scan", "--format", "json", &sample("showcase")]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.schema.json"),
        )
        .expect("schema exists"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let sg = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["check_id"] == "aws-vpc-sg-admin-port-open-to-internet")
        .expect("the SSH finding");
    assert_eq!(
        sg["message"],
        "allows SSH (tcp/22) from 0.0.0.0/0; it makes aws_instance.web reachable from the internet"
    );
    assert_eq!(
        sg["resource"]["address"],
        "module.web_sg.aws_security_group.this"
    );
    assert_eq!(
        sg["resource"]["module"],
        serde_json::json!(["module.web_sg"])
    );
    assert_eq!(sg["location"]["file"], "modules/web_sg/main.tf");
    assert_eq!(
        sg["location"]["start"],
        serde_json::json!({"line": 31, "column": 19, "offset": 597})
    );
    assert_eq!(sg["location"]["end"]["column"], 34);
    assert_eq!(
        sg["related"][0]["message"],
        "0.0.0.0/0 is the default of var.admin_cidrs"
    );
    assert_eq!(sg["related"][0]["location"]["file"], "variables.tf");
    assert_eq!(sg["related"][0]["location"]["start"]["line"], 19);
    assert_eq!(
        sg["aliases"],
        serde_json::json!([
            "AVD-AWS-0107",
            "aws-ec2-no-public-ingress-sgr",
            "CKV_AWS_24",
            "CKV_AWS_25"
        ])
    );
}

#[test]
fn zero_findings_keep_the_same_shape() {
    let out = tfscan(&[
        "scan",
        "--format",
        "json",
        &sample("aws-ebs-volume-not-encrypted/pass"),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["findings"], serde_json::json!([]));
    assert_eq!(r["summary"]["findings"], 0);
}

#[test]
fn malformed_file_is_reported_and_the_rest_is_scanned() {
    let dir = dir_with::<&[u8]>(&[
        (
            "bad.tf",
            b"resource \"aws_s3_bucket\" \"x\" {\n  bucket = \n",
        ),
        ("sg.tf", OPEN_SSH),
    ]);
    let out = tfscan(&[
        "scan",
        "--format",
        "json",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(
        r["findings"][0]["check_id"],
        "aws-vpc-sg-admin-port-open-to-internet"
    );
    let err = &r["errors"][0];
    assert_eq!(err["kind"], "parse");
    assert_eq!(err["location"]["file"], "bad.tf");
    assert_eq!(err["location"]["start"]["line"], 2);
    assert_eq!(err["location"]["start"]["column"], 12);

    let only_bad = dir_with::<&[u8]>(&[("bad.tf", b"resource {{{")]);
    let out = tfscan(&["scan", &only_bad.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn missing_path_and_empty_directory_exit_2_with_one_line() {
    let out = tfscan(&["scan", "/no/such/path/for/tfscan"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("path does not exist"));
    assert!(out.stdout.is_empty());

    let empty = dir_with::<&[u8]>(&[("README.md", b"nothing here")]);
    let out = tfscan(&["scan", &empty.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Terraform files"));
}

#[test]
fn invalid_utf8_empty_and_binary_files_do_not_panic() {
    let dir = dir_with::<&[u8]>(&[
        (
            "latin1.tf",
            b"# caf\xe9\nresource \"aws_ebs_volume\" \"v\" {}\n",
        ),
        ("empty.tf", b""),
        ("spaces.tf", b"   \n\t\n"),
        ("binary.tf", &[0u8, 159, 146, 150, 0, 1, 2, 255, 254]),
        ("sg.tf", OPEN_SSH),
    ]);
    let out = tfscan(&[
        "scan",
        "--format",
        "json",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    let errors = r["errors"].as_array().expect("errors");
    let read_errors: Vec<_> = errors.iter().filter(|e| e["kind"] == "read").collect();
    assert_eq!(read_errors.len(), 2, "{errors:#?}");
    assert!(read_errors.iter().any(|e| {
        e["location"]["file"] == "latin1.tf"
            && e["message"]
                .as_str()
                .unwrap_or("")
                .contains("line 1, column 6")
    }));
    assert_eq!(r["summary"]["findings"], 1);
}

#[test]
fn fail_on_and_min_severity() {
    let ebs = sample("aws-cloudtrail-log-validation-disabled/fail");
    // Medium findings do not fail the default threshold (high).
    assert_eq!(tfscan(&["scan", &ebs]).status.code(), Some(0));
    assert_eq!(
        tfscan(&["scan", "--fail-on", "medium", &ebs]).status.code(),
        Some(1)
    );
    let out = tfscan(&[
        "scan",
        "--fail-on",
        "medium",
        "--min-severity",
        "high",
        "--format",
        "json",
        &ebs,
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "min-severity never changes what fails"
    );
    assert_eq!(json(&out)["findings"], serde_json::json!([]));
    assert_eq!(
        tfscan(&["scan", "--fail-on", "none", &sample("showcase")])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn checks_lists_the_catalogue_with_aliases_and_explain_accepts_an_alias() {
    let out = tfscan(&["checks", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let list = json(&out);
    let ids: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    for id in [
        "aws-vpc-sg-admin-port-open-to-internet",
        "aws-s3-bucket-encryption-disabled",
        "aws-cloudtrail-log-validation-disabled",
        "aws-rds-storage-not-encrypted",
        "aws-ebs-volume-not-encrypted",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let out = tfscan(&["explain", "CKV_AWS_36"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(
        "aws-cloudtrail-log-validation-disabled — CloudTrail log file validation is disabled"
    ));
    assert_eq!(tfscan(&["explain", "no-such-check"]).status.code(), Some(2));
}

#[test]
fn user_checks_dir_adds_checks() {
    let checks = dir_with::<&[u8]>(&[(
        "data/aws-ebs-volume-too-small.toml",
        br#"
id = "aws-ebs-volume-too-small"
title = "EBS volume smaller than 20 GiB"
severity = "low"
area = "data"
resources = ["aws_ebs_volume"]
description = "A team rule."
remediation = "Make it bigger."

[[require]]
attribute = "size"
gte = 20
message = "size is {value} GiB"
"#,
    )]);
    let tf = dir_with::<&[u8]>(&[(
        "v.tf",
        b"resource \"aws_ebs_volume\" \"v\" {\n  size      = 8\n  encrypted = true\n}\n",
    )]);
    let out = tfscan(&[
        "scan",
        "--format",
        "json",
        "--checks-dir",
        &checks.path().display().to_string(),
        &tf.path().display().to_string(),
    ]);
    let r = json(&out);
    // Built-in checks may report on the same volume; pick the team rule's finding.
    let finding = r["findings"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|f| f["check_id"] == "aws-ebs-volume-too-small")
        })
        .expect("the team rule reports the volume");
    assert_eq!(finding["message"], "size is 8 GiB");
    assert_eq!(finding["location"]["start"]["line"], 2);

    let bad = dir_with::<&[u8]>(&[("x.toml", b"id = \"aws-x\"\ntitle = 1\n")]);
    let out = tfscan(&["checks", "--checks-dir", &bad.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("x.toml"));
}

/// The catalogue is read while the tree is walked, and its errors still come first, then
/// a usage error of the checks selected, then the tree's, as when it was read before.
#[test]
fn catalogue_errors_come_before_the_trees() {
    let bad = dir_with::<&[u8]>(&[("x.toml", b"id = \"aws-x\"\ntitle = 1\n")]);
    let (checks, missing) = (
        bad.path().display().to_string(),
        bad.path().join("no-such-dir").display().to_string(),
    );
    let stderr = |args: &[&str]| {
        let out = tfscan(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    // A tree that does not exist, and one without Terraform (only the check file).
    for tree in [&missing, &checks] {
        let text = stderr(&["scan", "--checks-dir", &checks, tree]);
        assert!(
            text.contains("x.toml") && !text.contains("no-such-dir"),
            "{text}"
        );
        let text = stderr(&["scan", "--include-checks", "no-such-check", tree]);
        assert!(text.contains("include-checks: no check"), "{text}");
    }
    assert!(stderr(&["scan", &missing]).contains("path does not exist"));
}

/// Undecided results that share a resource and a reason are one line in human output,
/// naming every check; a lone one keeps its check id up front.
#[test]
fn human_output_groups_undecided_results_by_resource_and_reason() {
    let dir = dir_with(&[(
        "main.tf",
        r#"variable "trust_policy" {}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = var.trust_policy
}

resource "aws_iam_user" "u" {
  name = "u"
}

resource "aws_cloudwatch_log_group" "g" {
  name              = "g"
  retention_in_days = length(aws_iam_user.u.unique_id)
  kms_key_id        = "arn:aws:kms:us-east-1:123456789012:key/x"
}
"#,
    )]);
    let out = tfscan(&[
        "scan",
        "--format",
        "human",
        &dir.path().display().to_string(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let undecided: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("undecided"))
        .take_while(|l| l.starts_with("undecided") || l.starts_with("  "))
        .collect();
    // Each cause once with what would decide it; under it, each resource with where the
    // undecided value is written and what leads there.
    assert_eq!(
        undecided,
        vec![
            "undecided (3): var.trust_policy has no value (no default, not set); set it with --var NAME=VALUE, a --var-file or TF_VAR_NAME",
            "  3 checks on aws_iam_role.r (main.tf:5): assume_role_policy is unknown (aws-iam-role-github-oidc-unrestricted, aws-iam-role-trust-account-root, aws-iam-role-trust-any-principal)",
            "undecided (1): aws_iam_user.u.unique_id is known only after apply; a plan decides it: terraform show -json PLAN > plan.json; tfscan scan --plan plan.json",
            "  aws-cloudwatch-log-group-short-retention on aws_cloudwatch_log_group.g (main.tf:12): retention_in_days",
        ]
    );
    assert!(
        text.contains(", 4 undecided (listed above by cause, with what would decide them)"),
        "the summary still counts each result: {text}"
    );
}

/// Undecided results of several roots are grouped per root, and a long reason is cut.
#[test]
fn human_output_groups_undecided_results_per_root_and_bounds_lines() {
    let long = "x".repeat(400);
    let dir = dir_with(&[
        (
            "a/main.tf",
            "variable \"p\" {}\nresource \"aws_iam_policy\" \"p\" {\n  name   = \"p\"\n  policy = var.p\n}\n".to_string(),
        ),
        (
            "b/main.tf",
            format!(
                "variable \"{long}\" {{}}\nresource \"aws_iam_policy\" \"p\" {{\n  name   = \"p\"\n  policy = var.{long}\n}}\n"
            ),
        ),
    ]);
    let out = tfscan(&[
        "scan",
        "--format",
        "human",
        &dir.path().display().to_string(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let roots: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("undecided in "))
        .collect();
    assert_eq!(roots, vec!["undecided in a:", "undecided in b:"]);
    for line in text
        .lines()
        .filter(|l| l.starts_with("undecided") || l.starts_with("  "))
    {
        assert!(line.chars().count() <= 241, "{line}");
    }
    assert!(text.lines().any(|l| l.ends_with('…')), "{text}");
}

/// The instances of one module resource that a check judges alike are one entry of the
/// human report, naming each instance; the JSON report keeps one finding per address.
#[test]
fn human_output_groups_the_instances_of_one_resource() {
    let dir = dir_with(&[
        ("main.tf", "module \"x\" {\n  source = \"./web\"\n}\n"),
        (
            "web/main.tf",
            r#"resource "aws_instance" "web" {
  count                       = 10
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}

resource "aws_instance" "one" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}
"#,
        ),
    ]);
    let root = dir.path().display().to_string();
    let out = tfscan(&["scan", "--format", "human", &root]);
    let text = String::from_utf8_lossy(&out.stdout);
    let entries: Vec<&str> = text.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(
        entries,
        vec![
            "[aws-ec2-instance-public-ip] medium: EC2 instance, launch template or launch configuration gets a public IP address: 10 instances: module.x.aws_instance.web[0], [1], [2], [3], [4], [5], [6], [7], [8] and [9]",
            "[aws-ec2-instance-public-ip] medium: EC2 instance, launch template or launch configuration gets a public IP address: module.x.aws_instance.one",
        ],
        "{text}"
    );
    assert!(
        text.contains(
            "╰─── the instance gets a public IPv4 address (associate_public_ip_address = true)"
        ),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .unwrap_or("")
            .starts_with("11 findings (0 critical, 0 high, 11 medium, 0 low)"),
        "the summary counts every instance: {text}"
    );
    let report = json(&tfscan(&["scan", "--format", "json", &root]));
    let addresses: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["resource"]["address"].as_str())
        .collect();
    assert_eq!(addresses.len(), 11, "{addresses:?}");
    assert!(addresses.contains(&"module.x.aws_instance.web[9]"));
}

/// One finding per root cause: the SSH rule's finding names the instances it makes
/// reachable and takes the reachability's severity; each instance's reachability finding
/// keeps only what no rule finding reports (HTTP, on a group a load balancer uses) and
/// names the rule finding. An ignore on the rule covers what it makes reachable.
#[test]
fn reachability_through_a_reported_rule_is_the_rule_finding() {
    let text = std::fs::read_to_string(format!(
        "{}/fail/shared_cause.tf",
        sample("aws-vpc-resource-internet-reachable")
    ))
    .expect("the sample");
    let dir = dir_with(&[("main.tf", text.as_str())]);
    let root = dir.path().display().to_string();
    let report = json(&tfscan(&["scan", "--format", "json", &root]));
    let of = |id: &str| -> Vec<serde_json::Value> {
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["check_id"] == id)
            .cloned()
            .collect()
    };
    let rule = of("aws-vpc-sg-admin-port-open-to-internet");
    assert_eq!(rule.len(), 1);
    assert_eq!(rule[0]["severity"], "critical");
    assert_eq!(
        rule[0]["message"],
        "allows SSH (tcp/22) from 0.0.0.0/0; it makes aws_instance.k[0], [1] and [2] reachable from the internet"
    );
    let related: Vec<&str> = rule[0]["related"]
        .as_array()
        .expect("related")
        .iter()
        .filter_map(|r| r["message"].as_str())
        .collect();
    assert_eq!(
        related,
        vec![
            "this rule allows SSH (tcp/22)",
            "aws_instance.k[0], [1] and [2] (EC2 instances) are reachable from the internet (0.0.0.0/0) on SSH (tcp/22) by this rule through internet gateway aws_internet_gateway.k",
        ]
    );
    let reach = of("aws-vpc-resource-internet-reachable");
    assert_eq!(reach.len(), 3);
    for f in &reach {
        assert_eq!(f["severity"], "medium");
        assert_eq!(
            f["message"],
            "EC2 instance is reachable from the internet (0.0.0.0/0) on HTTP (tcp/80) (and on SSH (tcp/22) through the rule aws-vpc-sg-admin-port-open-to-internet reports on aws_security_group.k_web)"
        );
    }

    // Without HTTP, nothing is left to the reachability check.
    let ssh_only = text.replace(
        "from_port   = 80\n    to_port     = 80",
        "from_port   = 22\n    to_port     = 22",
    );
    let report = json_of_main(&ssh_only);
    let checks: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["check_id"].as_str())
        .collect();
    assert!(
        !checks.contains(&"aws-vpc-resource-internet-reachable"),
        "{checks:?}"
    );

    // An ignore on the rule covers the instances it makes reachable.
    let ignored = text.replace(
        "cidr_blocks = [\"0.0.0.0/0\"] # expect: aws-vpc-sg-admin-port-open-to-internet",
        "cidr_blocks = [\"0.0.0.0/0\"] # tfsec:ignore:aws-ec2-no-public-ingress-sgr",
    );
    let report = json_of_main(&ignored);
    let suppressed: Vec<&str> = report["suppressed"]
        .as_array()
        .expect("suppressed")
        .iter()
        .filter_map(|f| f["check_id"].as_str())
        .collect();
    assert_eq!(suppressed, vec!["aws-vpc-sg-admin-port-open-to-internet"]);
}

/// The underline starts under the first character of the finding's source, counted in
/// terminal columns: a wide CJK character before it takes two, a combining accent none.
#[test]
fn the_underline_lines_up_after_wide_and_combining_characters() {
    use unicode_width::UnicodeWidthStr;
    let dir = dir_with(&[(
        "main.tf",
        "resource \"aws_security_group\" \"web\" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"日本\", \"e\u{301}\", \"0.0.0.0/0\"]\n  }\n}\n",
    )]);
    let out = tfscan(&[
        "scan",
        "--include-checks",
        "aws-vpc-sg-admin-port-open-to-internet",
        &dir.path().display().to_string(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let code = lines
        .iter()
        .position(|l| l.contains("\"0.0.0.0/0\"]"))
        .expect("the flagged line is shown");
    let (source, underline) = (lines[code], lines[code + 1]);
    let at = |line: &str, what: &str| line.find(what).map(|i| line[..i].width());
    assert_eq!(
        at(underline, "─"),
        at(source, "\"0.0.0.0/0\""),
        "\n{source}\n{underline}"
    );
    assert_eq!(
        underline.trim_matches([' ', '│']).chars().count(),
        "\"0.0.0.0/0\"".len(),
        "\n{underline}"
    );
}

#[test]
fn timings_go_to_stderr_with_wall_and_cpu_time_per_stage() {
    let dir = dir_with(&[("main.tf", std::str::from_utf8(OPEN_SSH).unwrap_or(""))]);
    let path = dir.path().display().to_string();
    let out = tfscan(&["scan", "--format", "json", "--timings", &path]);
    json(&out); // stdout stays the report alone
    let text = String::from_utf8_lossy(&out.stderr);
    let stages: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" ms") && !l.trim_start().starts_with("total"))
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        stages,
        ["read", "select", "evaluate,", "suppress", "sort", "render"],
        "{text}"
    );
    for line in text.lines().filter(|l| l.contains(" ms")) {
        assert!(line.contains(" ms CPU"), "wall and CPU time: {line}");
    }
}
