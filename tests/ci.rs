//! CI and editor integration as a user meets it: SARIF (against the official 2.1.0 schema),
//! JUnit XML, several reports from one run, inline ignores, configuration, baselines and
//! shell completions.

mod common;

use common::dir_with;
use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output};

fn tfscan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the tfscan binary runs")
}

fn tfscan(args: &[&str]) -> Output {
    tfscan_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn file_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("the file was written"))
        .expect("the file is JSON")
}

fn showcase() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("terraform-samples/showcase")
        .display()
        .to_string()
}

fn path(dir: &tempfile::TempDir) -> String {
    dir.path().display().to_string()
}

fn schema_errors(schema_file: &str, doc: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(schema_file))
            .expect("schema exists"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

fn assert_valid(schema_file: &str, doc: &Value) {
    let errors = schema_errors(schema_file, doc);
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A security group open to the internet on SSH (a high finding of
/// aws-vpc-sg-admin-port-open-to-internet on line 6, columns 20–31).
const OPEN_SSH: &str = r#"resource "aws_security_group" "ssh" {
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

const SSH_CHECK: &str = "aws-vpc-sg-admin-port-open-to-internet";

fn results(sarif: &Value) -> &Vec<Value> {
    sarif["runs"][0]["results"].as_array().expect("results")
}

// ---------------------------------------------------------------------------------------
// SARIF

#[test]
fn sarif_from_the_showcase_validates_against_the_sarif_2_1_0_schema() {
    let out = tfscan(&["scan", "--format", "sarif", &showcase()]);
    assert_eq!(out.status.code(), Some(1));
    let sarif = stdout_json(&out);
    assert_valid("tests/data/sarif-schema-2.1.0.json", &sarif);
    // The schema is really applied: a wrong version or a bad level is caught.
    let mut broken = sarif.clone();
    broken["version"] = json!("2.0.0");
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    assert_eq!(
        schema_errors("tests/data/sarif-schema-2.1.0.json", &broken).len(),
        2
    );

    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tfscan");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], "https://tfscan.dev");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert!(run["originalUriBaseIds"]["%SRCROOT%"].is_object());

    // Every check that ran is a rule, whatever it found.
    let listed = stdout_json(&tfscan(&["checks", "--format", "json"]));
    let rules = driver["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), listed.as_array().expect("checks").len());
    let (index, rule) = rules
        .iter()
        .enumerate()
        .find(|(_, r)| r["id"] == SSH_CHECK)
        .expect("the SSH rule");
    assert_eq!(rule["name"], "AwsVpcSgAdminPortOpenToInternet");
    assert_eq!(
        rule["shortDescription"]["text"],
        "Administrative port open to the internet"
    );
    assert!(
        rule["fullDescription"]["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("An ingress rule")
    );
    assert!(
        rule["help"]["markdown"]
            .as_str()
            .unwrap_or("")
            .contains("## Remediation")
    );
    assert!(
        rule["help"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("Session Manager")
    );
    assert_eq!(rule["properties"]["security-severity"], "8.0");
    assert_eq!(rule["properties"]["precision"], "high");
    assert_eq!(
        rule["properties"]["tags"],
        json!(["security", "network", "terraform"])
    );
    assert_eq!(rule["defaultConfiguration"]["level"], "error");

    // The result matches the JSON report's finding: same region, same fingerprint.
    let report = stdout_json(&tfscan(&["scan", "--format", "json", &showcase()]));
    let finding = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["check_id"] == SSH_CHECK)
        .expect("the SSH finding");
    let result = results(&sarif)
        .iter()
        .find(|r| r["ruleId"] == SSH_CHECK)
        .expect("the SSH result");
    assert_eq!(result["ruleIndex"], index);
    assert_eq!(result["level"], "error");
    assert_eq!(
        result["message"]["text"],
        "module.web_sg.aws_security_group.this: allows SSH (tcp/22) from 0.0.0.0/0; it makes aws_instance.web reachable from the internet"
    );
    assert_eq!(
        result["partialFingerprints"]["tfscanFingerprint/v1"],
        finding["fingerprint"]
    );
    // The showcase sits in this repository; URIs are relative to its root.
    let prefix = if Path::new(env!("CARGO_MANIFEST_DIR")).join(".git").exists() {
        "terraform-samples/showcase/"
    } else {
        ""
    };
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"],
        json!({"uri": format!("{prefix}modules/web_sg/main.tf"), "uriBaseId": "%SRCROOT%"})
    );
    assert_eq!(
        physical["region"],
        json!({"startLine": 31, "startColumn": 19, "endLine": 31, "endColumn": 34})
    );
    let related = result["relatedLocations"].as_array().expect("related");
    assert_eq!(
        related[0]["message"]["text"],
        "0.0.0.0/0 is the default of var.admin_cidrs"
    );
    assert_eq!(
        related[0]["physicalLocation"]["artifactLocation"]["uri"],
        format!("{prefix}variables.tf")
    );
    assert_eq!(related[0]["physicalLocation"]["region"]["startLine"], 19);

    // No location anywhere is absolute.
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("file://"));
    assert!(!text.contains(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn sarif_finding_in_a_nested_module_points_at_the_modules_own_file() {
    let dir = dir_with(&[
        (
            "main.tf",
            "module \"outer\" {\n  source = \"./modules/outer\"\n}\n",
        ),
        (
            "modules/outer/main.tf",
            "# The network layer.\nmodule \"inner\" {\n  source = \"./inner\"\n}\n",
        ),
        ("modules/outer/inner/main.tf", OPEN_SSH),
    ]);
    let out = tfscan(&["scan", "--format", "sarif", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let sarif = stdout_json(&out);
    assert_valid("tests/data/sarif-schema-2.1.0.json", &sarif);
    let results = results(&sarif);
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(
        r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "module.outer.module.inner.aws_security_group.ssh"
    );
    assert_eq!(
        r["locations"][0]["physicalLocation"],
        json!({
            "artifactLocation": {"uri": "modules/outer/inner/main.tf", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 6, "startColumn": 20, "endLine": 6, "endColumn": 31}
        })
    );
    let calls: Vec<(String, String, i64)> = r["relatedLocations"]
        .as_array()
        .expect("related")
        .iter()
        .filter(|l| {
            l["message"]["text"]
                .as_str()
                .unwrap_or("")
                .starts_with("in module.")
        })
        .map(|l| {
            let p = &l["physicalLocation"];
            (
                l["message"]["text"].as_str().unwrap_or("").to_string(),
                p["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
                p["region"]["startLine"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        calls,
        vec![
            (
                "in module.inner".to_string(),
                "modules/outer/main.tf".to_string(),
                2
            ),
            ("in module.outer".to_string(), "main.tf".to_string(), 1),
        ]
    );
}

#[test]
fn sarif_uris_are_relative_to_the_enclosing_repository() {
    let repo = dir_with(&[
        (".git/HEAD", "ref: refs/heads/main\n"),
        ("infra/prod/sg.tf", OPEN_SSH),
    ]);
    let out = tfscan(&[
        "scan",
        "--format",
        "sarif",
        &format!("{}/infra/prod", path(&repo)),
    ]);
    let sarif = stdout_json(&out);
    assert_eq!(
        results(&sarif)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "infra/prod/sg.tf"
    );
}

// ---------------------------------------------------------------------------------------
// JUnit and several outputs

#[test]
fn junit_has_a_case_per_check_and_resource() {
    let dir = dir_with(&[
        ("sg.tf", OPEN_SSH),
        (
            "ebs.tf",
            "resource \"aws_ebs_volume\" \"ok\" {\n  size      = 8\n  encrypted = true\n}\n\n# tfscan:ignore:aws-ebs-volume-not-encrypted scratch data only\nresource \"aws_ebs_volume\" \"scratch\" {\n  size = 8\n}\n",
        ),
    ]);
    let out = tfscan(&["scan", "--format", "junit", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    let report = quick_junit::Report::deserialize_from_str(&xml).expect("valid JUnit XML");
    assert_eq!(report.name.as_ref().map(|n| n.as_str()), Some("tfscan"));

    let suite = |name: &str| {
        report
            .test_suites
            .iter()
            .find(|s| s.name.as_str() == name)
            .unwrap_or_else(|| panic!("suite {name}"))
    };
    let sg = suite(SSH_CHECK);
    assert_eq!((sg.tests, sg.failures, sg.skipped), (1, 1, 0));
    let case = &sg.test_cases[0];
    assert_eq!(case.name.as_str(), "aws_security_group.ssh");
    assert_eq!(
        case.classname.as_ref().map(|c| c.as_str()),
        Some("tfscan.network.aws-vpc-sg-admin-port-open-to-internet")
    );
    assert_eq!(case.extra.get("file").map(|f| f.as_str()), Some("sg.tf"));
    match &case.status {
        quick_junit::TestCaseStatus::NonSuccess {
            kind,
            message,
            ty,
            description,
            ..
        } => {
            assert_eq!(*kind, quick_junit::NonSuccessKind::Failure);
            assert_eq!(
                message.as_ref().map(|m| m.as_str()),
                Some("allows SSH (tcp/22) from 0.0.0.0/0")
            );
            assert_eq!(ty.as_ref().map(|t| t.as_str()), Some("high"));
            let text = description.as_ref().map(|d| d.as_str()).unwrap_or("");
            assert!(
                text.starts_with("sg.tf:6:20: high allows SSH (tcp/22) from 0.0.0.0/0\n"),
                "{text}"
            );
        }
        other => panic!("expected a failure, got {other:?}"),
    }

    // One passing and one suppressed (skipped) EBS volume.
    let ebs = suite("aws-ebs-volume-not-encrypted");
    let statuses: Vec<(&str, String)> = ebs
        .test_cases
        .iter()
        .map(|c| {
            let s = match &c.status {
                quick_junit::TestCaseStatus::Success { .. } => "passed".to_string(),
                quick_junit::TestCaseStatus::Skipped { message, .. } => format!(
                    "skipped: {}",
                    message.as_ref().map(|m| m.as_str()).unwrap_or("")
                ),
                quick_junit::TestCaseStatus::NonSuccess { .. } => "failed".to_string(),
            };
            (c.name.as_str(), s)
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("aws_ebs_volume.ok", "passed".to_string()),
            (
                "aws_ebs_volume.scratch",
                "skipped: suppressed: scratch data only".to_string()
            ),
        ]
    );
}

#[test]
fn one_scan_writes_every_format_requested() {
    let work = tempfile::tempdir().expect("tempdir");
    let out = tfscan_in(
        work.path(),
        &[
            "scan",
            "--format",
            "human",
            "--output",
            "sarif=a.sarif",
            "--output",
            "json=a.json",
            "--output",
            "junit=a.xml",
            &showcase(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("allows SSH (tcp/22) from 0.0.0.0/0"));
    let report = file_json(&work.path().join("a.json"));
    let count = report["summary"]["findings"].as_u64().expect("a count");
    assert!(
        human
            .lines()
            .last()
            .unwrap_or("")
            .starts_with(&format!("{count} findings")),
        "the human summary and the JSON report come from the same scan"
    );
    assert_valid("docs/report.schema.json", &report);
    let sarif = file_json(&work.path().join("a.sarif"));
    let xml = std::fs::read_to_string(work.path().join("a.xml")).expect("junit written");
    let junit = quick_junit::Report::deserialize_from_str(&xml).expect("JUnit XML");

    // The same findings everywhere: one evaluation rendered four ways.
    let mut from_json: Vec<String> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap_or("").to_string())
        .collect();
    let mut from_sarif: Vec<String> = results(&sarif)
        .iter()
        .map(|r| {
            r["partialFingerprints"]["tfscanFingerprint/v1"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    from_json.sort();
    from_sarif.sort();
    assert_eq!(from_json.len() as u64, count);
    assert_eq!(from_json, from_sarif);
    // One JUnit case per (check, resource): a resource with two findings of one check
    // is one failing case.
    let failing_cases: std::collections::BTreeSet<(String, String)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or("").to_string(),
                f["resource"]["address"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(junit.failures, failing_cases.len());
}

#[test]
fn a_bad_output_is_a_usage_error_before_scanning() {
    let out = tfscan(&["scan", "--output", "pdf=x.pdf", &showcase()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "tfscan: output 'pdf=x.pdf': unknown format 'pdf' (expected human, compact, json, sarif or junit)"
    );
}

// ---------------------------------------------------------------------------------------
// Inline ignores

const EBS_IGNORES: &str = r#"# tfscan:ignore:aws-ebs-volume-not-encrypted exp:2999-12-31 scratch disk, rebuilt nightly
# (stacked comments between an ignore and its block are fine)
resource "aws_ebs_volume" "above" {
  size = 8
}

resource "aws_ebs_volume" "trailing" { # tfscan:ignore:aws-ebs-volume-not-encrypted,aws-s3-bucket-encryption-disabled test fixture
  size = 8
}

resource "aws_ebs_volume" "attribute" {
  size      = 8
  // tfsec:ignore:aws-ec2-enable-volume-encryption
  encrypted = false
}

resource "aws_ebs_volume" "checkov" {
  #checkov:skip=CKV_AWS_3:Encrypted by the AMI
  size = 8
}

# tfscan:ignore:aws-s3-bucket-encryption-disabled another check's id covers nothing here
resource "aws_ebs_volume" "other_check" {
  size = 8
}

resource "aws_ebs_volume" "attribute_not_block" {
  # trivy:ignore:AVD-AWS-0026
  size = 8
}
"#;

fn addresses(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|f| f["resource"]["address"].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn inline_ignores_cover_exactly_the_annotated_block_or_attribute() {
    let dir = dir_with(&[("ebs.tf", EBS_IGNORES)]);
    let out = tfscan(&["scan", "--format", "json", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let r = stdout_json(&out);
    assert_valid("docs/report.schema.json", &r);
    assert_eq!(
        addresses(&r["findings"]),
        vec![
            "aws_ebs_volume.other_check",
            "aws_ebs_volume.attribute_not_block"
        ]
    );
    let suppressed: Vec<(&str, &str, &Value, i64)> = r["suppressed"]
        .as_array()
        .expect("suppressed")
        .iter()
        .map(|s| {
            (
                s["resource"]["address"].as_str().unwrap_or(""),
                s["reason"].as_str().unwrap_or(""),
                &s["expires"],
                s["comment"]["start"]["line"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        suppressed,
        vec![
            (
                "aws_ebs_volume.above",
                "scratch disk, rebuilt nightly",
                &json!("2999-12-31"),
                1
            ),
            ("aws_ebs_volume.trailing", "test fixture", &Value::Null, 7),
            (
                "aws_ebs_volume.attribute",
                "no reason given",
                &Value::Null,
                13
            ),
            (
                "aws_ebs_volume.checkov",
                "Encrypted by the AMI",
                &Value::Null,
                18
            ),
        ]
    );
    assert_eq!(r["summary"]["suppressed"], 4);
    assert_eq!(r["summary"]["findings"], 2);

    // The human summary counts them; SARIF lists them as suppressed results.
    let human = tfscan(&["scan", &path(&dir)]);
    let last = String::from_utf8_lossy(&human.stdout)
        .lines()
        .last()
        .unwrap_or("")
        .to_string();
    assert!(
        last.starts_with("2 findings (0 critical, 2 high, 0 medium, 0 low); 4 suppressed,"),
        "{last}"
    );
    let sarif = stdout_json(&tfscan(&["scan", "--format", "sarif", &path(&dir)]));
    let mut suppressions: Vec<Value> = results(&sarif)
        .iter()
        .filter_map(|r| r.get("suppressions"))
        .map(|s| {
            json!([
                s[0]["kind"],
                s[0]["justification"],
                s[0]["location"]["physicalLocation"]["region"]["startLine"]
            ])
        })
        .collect();
    suppressions.sort_by_key(|v| v[2].as_i64());
    assert_eq!(
        suppressions,
        vec![
            json!(["inSource", "scratch disk, rebuilt nightly", 1]),
            json!(["inSource", "test fixture", 7]),
            json!(["inSource", "no reason given", 13]),
            json!(["inSource", "Encrypted by the AMI", 18]),
        ]
    );

    // --no-inline-ignores disregards every form.
    let out = tfscan(&[
        "scan",
        "--format",
        "json",
        "--no-inline-ignores",
        &path(&dir),
    ]);
    let r = stdout_json(&out);
    assert_eq!(r["summary"]["findings"], 6);
    assert_eq!(r["suppressed"], json!([]));
}

#[test]
fn an_ignore_on_a_module_block_covers_everything_inside_the_call() {
    let dir = dir_with(&[
        (
            "main.tf",
            "# tfscan:ignore:aws-vpc-sg-admin-port-open-to-internet bastion network, reviewed\nmodule \"outer\" {\n  source = \"./modules/outer\"\n}\n",
        ),
        (
            "modules/outer/main.tf",
            "module \"inner\" {\n  source = \"./inner\"\n}\n",
        ),
        ("modules/outer/inner/main.tf", OPEN_SSH),
    ]);
    let out = tfscan(&["scan", "--format", "json", &path(&dir)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let r = stdout_json(&out);
    assert_eq!(r["findings"], json!([]));
    assert_eq!(
        addresses(&r["suppressed"]),
        vec!["module.outer.module.inner.aws_security_group.ssh"]
    );
    assert_eq!(r["suppressed"][0]["reason"], "bastion network, reviewed");
    assert_eq!(r["suppressed"][0]["comment"]["file"], "main.tf");
}

#[test]
fn expired_ignores_stop_suppressing_and_say_where_they_are() {
    let dir = dir_with(&[(
        "sg.tf",
        format!(
            "# tfscan:ignore:aws-vpc-sg-admin-port-open-to-internet exp:2001-01-31 temporary\n{}\n#tfsec:ignore:aws-ec2-no-public-ingress-sgr:exp:2002-02-28\nresource \"aws_security_group\" \"other\" {{\n  ingress {{\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n    description = \"RDP\"\n  }}\n  description = \"Remote desktop\"\n}}\nresource \"aws_network_interface\" \"other\" {{\n  subnet_id       = \"subnet-0123456789abcdef0\"\n  security_groups = [aws_security_group.other.id]\n}}\n# tfscan:ignore:aws-no-such-check typo\nresource \"aws_ebs_volume\" \"v\" {{\n  encrypted  = true\n  kms_key_id = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}}\n",
            OPEN_SSH
        ),
    )]);
    let out = tfscan(&["scan", "--format", "json", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let r = stdout_json(&out);
    assert_valid("docs/report.schema.json", &r);
    assert_eq!(
        addresses(&r["findings"]),
        vec!["aws_security_group.ssh", "aws_security_group.other"]
    );
    let warnings: Vec<(&str, &str, &str, i64)> = r["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter(|e| e["kind"] == "suppression")
        .map(|e| {
            (
                e["severity"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or(""),
                e["location"]["file"].as_str().unwrap_or(""),
                e["location"]["start"]["line"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        warnings,
        vec![
            (
                "warning",
                "the ignore of aws-vpc-sg-admin-port-open-to-internet expired on 2001-01-31; it no longer suppresses findings",
                "sg.tf",
                1
            ),
            (
                "warning",
                "the ignore of aws-ec2-no-public-ingress-sgr expired on 2002-02-28; it no longer suppresses findings",
                "sg.tf",
                18
            ),
            (
                "warning",
                "'aws-no-such-check' in this ignore comment is not the id or alias of any check",
                "sg.tf",
                33
            ),
        ]
    );
    // Warnings never change the exit code's meaning.
    let out = tfscan(&["scan", "--fail-on", "none", &path(&dir)]);
    assert_eq!(out.status.code(), Some(0));
}

// ---------------------------------------------------------------------------------------
// Configuration

/// A high EBS finding (its value comes from a variable), a medium CloudTrail finding, and
/// an example directory with another high EBS finding.
fn config_stack(config: Option<&str>) -> tempfile::TempDir {
    let mut files = vec![
        (
            "main.tf",
            "variable \"encrypted\" {\n  default = false\n}\n\nresource \"aws_ebs_volume\" \"v\" {\n  size       = 8\n  encrypted  = var.encrypted\n  kms_key_id = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}\n\nresource \"aws_cloudtrail\" \"t\" {\n  name                  = \"t\"\n  s3_bucket_name        = \"b\"\n  is_multi_region_trail = true\n  kms_key_id            = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n  cloud_watch_logs_group_arn = \"arn:aws:logs:eu-west-1:111122223333:log-group:trail:*\"\n  cloud_watch_logs_role_arn  = \"arn:aws:iam::111122223333:role/trail\"\n  event_selector {\n    data_resource {\n      type   = \"AWS::S3::Object\"\n      values = [\"arn:aws:s3\"]\n    }\n  }\n}\n",
        ),
        (
            "examples/ex.tf",
            "resource \"aws_ebs_volume\" \"example\" {\n  size       = 8\n  kms_key_id = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}\n",
        ),
    ];
    if let Some(c) = config {
        files.push((".tfscan.toml", c));
    }
    dir_with(&files)
}

fn findings_of(r: &Value) -> Vec<(String, String, String)> {
    r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["check_id"].as_str().unwrap_or("").to_string(),
                f["resource"]["address"].as_str().unwrap_or("").to_string(),
                f["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_setting_behaves_the_same_from_the_file_and_the_command_line() {
    let file = config_stack(Some(
        r#"fail-on = "critical"
min-severity = "medium"
exclude = ["examples/**"]
exclude-checks = ["CKV_AWS_19"]
severity-overrides = { "CKV_AWS_36" = "critical" }
var = ["encrypted=true"]
workspace = "prod"
format = "json"
"#,
    ));
    let flags = config_stack(None);
    let from_file = tfscan(&["scan", &path(&file)]);
    let from_flags = tfscan(&[
        "scan",
        "--fail-on",
        "critical",
        "--min-severity",
        "medium",
        "--exclude",
        "examples/**",
        "--exclude-checks",
        "CKV_AWS_19",
        "--severity-overrides",
        "CKV_AWS_36=critical",
        "--var",
        "encrypted=true",
        "--workspace",
        "prod",
        "--format",
        "json",
        &path(&flags),
    ]);
    assert_eq!(from_file.status.code(), Some(1));
    assert_eq!(from_flags.status.code(), Some(1));
    let (a, b) = (stdout_json(&from_file), stdout_json(&from_flags));
    assert_eq!(
        findings_of(&a),
        vec![(
            "aws-cloudtrail-log-validation-disabled".to_string(),
            "aws_cloudtrail.t".to_string(),
            "critical".to_string()
        )]
    );
    assert_eq!(findings_of(&a), findings_of(&b));
    assert_eq!(a["summary"], b["summary"]);
    assert_eq!(a["summary"]["checks"], builtin_check_count() - 1);
    assert_eq!(a["summary"]["files"], 1);
}

#[test]
fn the_command_line_overrides_the_file_key_by_key() {
    let dir = config_stack(Some(
        "fail-on = \"none\"\nformat = \"json\"\nexclude = [\"examples/**\"]\n",
    ));
    let out = tfscan(&["scan", &path(&dir)]);
    assert_eq!(out.status.code(), Some(0), "fail-on = none from the file");
    assert_eq!(stdout_json(&out)["summary"]["findings"], 2);

    let out = tfscan(&["scan", "--fail-on", "high", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1), "--fail-on wins over the file");
    let out = tfscan(&["scan", "--exclude", "nothing/**", &path(&dir)]);
    assert_eq!(
        stdout_json(&out)["summary"]["findings"],
        3,
        "--exclude replaces the file's list"
    );

    // --config names another file; the scan root's .tfscan.toml is then not read.
    let other = dir_with(&[(
        "ci.toml",
        "include-checks = [\"aws-ebs-volume-not-encrypted\"]\n",
    )]);
    let out = tfscan(&[
        "scan",
        "--config",
        &format!("{}/ci.toml", path(&other)),
        "--format",
        "json",
        &path(&dir),
    ]);
    let r = stdout_json(&out);
    assert_eq!(r["summary"]["checks"], 1);
    assert_eq!(r["summary"]["findings"], 2);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unknown_keys_and_bad_values_are_errors_that_name_them() {
    let cases = [
        (
            "fial-on = \"high\"\n",
            ".tfscan.toml:1:1: unknown field `fial-on`, expected one of `fail-on`, ",
        ),
        (
            "fail-on = \"hgih\"\n",
            ".tfscan.toml:1:11: unknown variant `hgih`, expected one of `critical`, `high`, `medium`, `low`, `none`",
        ),
        (
            "exclude-checks = \"aws-nope\"\n",
            "exclude-checks: no check with id or alias 'aws-nope'",
        ),
        (
            "severity-overrides = { \"CKV_AWS_3\" = \"urgent\" }\n",
            ".tfscan.toml:1:38: unknown variant `urgent`, expected one of `low`, `medium`, `high`, `critical`",
        ),
        (
            "no-inline-ignores = \"yes\"\n",
            ".tfscan.toml:1:21: invalid type: string \"yes\", expected a boolean",
        ),
        (
            "output = [\"xml=a.xml\"]\n",
            "`output`: output 'xml=a.xml': unknown format 'xml'",
        ),
    ];
    for (config, expected) in cases {
        let dir = config_stack(Some(config));
        let out = tfscan(&["scan", &path(&dir)]);
        assert_eq!(out.status.code(), Some(2), "{config}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(expected), "{config}: {err}");
    }
    let out = tfscan(&["scan", "--config", "/no/such/tfscan.toml", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("cannot read the configuration /no/such/tfscan.toml")
    );
}

#[test]
fn init_config_writes_a_commented_default_file_once() {
    let dir = config_stack(None);
    let out = tfscan_in(dir.path(), &["init-config"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "stdout carries only reports");
    let written = std::fs::read_to_string(dir.path().join(".tfscan.toml")).expect("written");
    assert!(written.contains("# fail-on = \"high\""));
    // Everything is commented out: the defaults apply.
    let out = tfscan(&["scan", "--format", "json", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["summary"]["findings"], 3);

    let again = tfscan_in(dir.path(), &["init-config"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&again.stderr)
            .contains("already exists (use --force to replace it)")
    );
    assert_eq!(
        tfscan_in(dir.path(), &["init-config", "--force"])
            .status
            .code(),
        Some(0)
    );
}

// ---------------------------------------------------------------------------------------
// Baseline

const UNENCRYPTED_VOLUME: &str = "resource \"aws_ebs_volume\" \"v\" {\n  size = 8\n}\n";

#[test]
fn a_baseline_reports_only_new_findings_and_survives_moved_code() {
    let dir = dir_with(&[("main.tf", format!("{UNENCRYPTED_VOLUME}\n{OPEN_SSH}"))]);
    let base = dir.path().join("baseline.json").display().to_string();
    let out = tfscan(&["scan", "--write-baseline", &base, &path(&dir)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "writing a baseline does not change the exit code"
    );
    let written = file_json(Path::new(&base));
    assert_eq!(written["tfscan_baseline"], 1);
    let entries: Vec<(&str, &str, &str)> = written["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|e| {
            assert_eq!(e["fingerprint"].as_str().map(str::len), Some(32));
            (
                e["check_id"].as_str().unwrap_or(""),
                e["address"].as_str().unwrap_or(""),
                e["file"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        entries,
        vec![
            (
                "aws-ebs-volume-not-encrypted",
                "aws_ebs_volume.v",
                "main.tf"
            ),
            (SSH_CHECK, "aws_security_group.ssh", "main.tf"),
        ]
    );

    // Ten lines inserted above both resources, and an edit inside one of them that does
    // not touch the finding: nothing is new.
    let moved = format!(
        "{}{}\n{}",
        "# moved down\n".repeat(10),
        UNENCRYPTED_VOLUME.replace("size = 8", "size = 16"),
        OPEN_SSH
    );
    std::fs::write(dir.path().join("main.tf"), &moved).expect("rewrite");
    let out = tfscan(&["scan", "--baseline", &base, "--format", "json", &path(&dir)]);
    assert_eq!(out.status.code(), Some(0));
    let r = stdout_json(&out);
    assert_valid("docs/report.schema.json", &r);
    assert_eq!(r["findings"], json!([]));
    assert_eq!(r["summary"]["baselined"], 2);
    let human = tfscan(&["scan", "--baseline", &base, &path(&dir)]);
    let summary = String::from_utf8_lossy(&human.stdout)
        .lines()
        .last()
        .unwrap_or("")
        .to_string();
    assert!(
        summary.starts_with(
            "0 findings (0 critical, 0 high, 0 medium, 0 low); 0 suppressed, 2 baselined,"
        ),
        "{summary}"
    );

    // The same check on another resource, or the same code in another root, is new.
    std::fs::write(
        dir.path().join("main.tf"),
        format!("{moved}\n{}", UNENCRYPTED_VOLUME.replace("\"v\"", "\"w\"")),
    )
    .expect("add a resource");
    std::fs::create_dir(dir.path().join("staging")).expect("mkdir");
    std::fs::write(dir.path().join("staging/main.tf"), UNENCRYPTED_VOLUME).expect("copy");
    let out = tfscan(&["scan", "--baseline", &base, "--format", "json", &path(&dir)]);
    assert_eq!(out.status.code(), Some(1));
    let r = stdout_json(&out);
    let new: Vec<(String, String)> = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["location"]["file"].as_str().unwrap_or("").to_string(),
                f["resource"]["address"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        new,
        vec![
            ("main.tf".to_string(), "aws_ebs_volume.w".to_string()),
            (
                "staging/main.tf".to_string(),
                "aws_ebs_volume.v".to_string()
            ),
        ]
    );
    assert_eq!(r["summary"]["baselined"], 2);

    // In SARIF, baselined findings are results suppressed externally.
    let sarif = stdout_json(&tfscan(&[
        "scan",
        "--baseline",
        &base,
        "--format",
        "sarif",
        &path(&dir),
    ]));
    let external: Vec<&Value> = results(&sarif)
        .iter()
        .filter(|r| r["suppressions"][0]["kind"] == "external")
        .collect();
    assert_eq!(external.len(), 2);
    assert_eq!(
        external[0]["suppressions"][0]["justification"],
        format!("recorded in the baseline {base}")
    );
}

#[test]
fn an_unreadable_baseline_is_a_usage_error() {
    let dir = dir_with(&[
        ("main.tf", UNENCRYPTED_VOLUME),
        ("bad.json", "{\"findings\": 3}"),
    ]);
    let out = tfscan(&["scan", "--baseline", "/no/such/baseline.json", &path(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("cannot read the baseline /no/such/baseline.json")
    );
    let bad = format!("{}/bad.json", path(&dir));
    let out = tfscan(&["scan", "--baseline", &bad, &path(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&format!("{bad}: not a tfscan baseline"))
    );
}

// ---------------------------------------------------------------------------------------
// Shell completions

#[test]
fn completions_are_generated_for_each_shell() {
    let out = tfscan(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = String::from_utf8_lossy(&out.stdout);
    assert!(script.contains("_tfscan()"), "a bash completion function");
    for word in ["scan", "init-config", "--fail-on", "--output", "--baseline"] {
        assert!(script.contains(word), "{word} is completed");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = tfscan(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("tfscan"));
    }
    assert_eq!(tfscan(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn an_ignore_of_a_check_the_scan_does_not_run_is_not_reported_as_unknown() {
    let dir = dir_with(&[(
        "main.tf",
        format!("# tfscan:ignore:aws-ebs-volume-not-encrypted scratch\n{UNENCRYPTED_VOLUME}"),
    )]);
    let out = tfscan(&[
        "scan",
        "--exclude-checks",
        "CKV_AWS_3",
        "--format",
        "json",
        &path(&dir),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let r = stdout_json(&out);
    assert_eq!(r["errors"], json!([]));
    assert_eq!(r["summary"]["checks"], builtin_check_count() - 1);
}

/// How many checks are built in (the tests exclude one and expect the rest to run).
fn builtin_check_count() -> u64 {
    let out = tfscan(&["checks", "--format", "json"]);
    stdout_json(&out).as_array().expect("a list").len() as u64
}
