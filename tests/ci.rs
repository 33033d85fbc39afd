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
  }
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
        "module.web_sg.aws_security_group.this: allows SSH (tcp/22) from 0.0.0.0/0"
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
                "in module.outer.module.inner".to_string(),
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
    assert!(human.lines().last().unwrap_or("").starts_with("4 findings"));

    let report = file_json(&work.path().join("a.json"));
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
    assert_eq!(from_json.len(), 4);
    assert_eq!(from_json, from_sarif);
    assert_eq!(junit.failures, 4);
}

#[test]
fn a_bad_output_is_a_usage_error_before_scanning() {
    let out = tfscan(&["scan", "--output", "pdf=x.pdf", &showcase()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "tfscan: output 'pdf=x.pdf': unknown format 'pdf' (expected human, json, sarif or junit)"
    );
}
