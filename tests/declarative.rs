//! The declarative check language: every operator, judged through real scans.

mod common;

use common::dir_with;

use tfscan::Options;

/// Scans `tf` with one extra check whose `[[require]]`s are `rules`; returns
/// (address, line, message) of that check's findings and the addresses it left undecided.
fn run(rules: &str, tf: &str) -> (Vec<(String, usize, String)>, Vec<String>) {
    let check = format!(
        "id = \"aws-test-rule\"\ntitle = \"test\"\nseverity = \"low\"\narea = \"data\"\nresources = [\"aws_thing\"]\ndescription = \"d\"\nremediation = \"r\"\n{rules}"
    );
    let checks = dir_with(&[("aws-test-rule.toml", &check)]);
    let code = dir_with(&[("main.tf", tf)]);
    let report = tfscan::scan(&Options {
        path: code.path().to_path_buf(),
        checks_dirs: vec![checks.path().to_path_buf()],
        ..Options::default()
    })
    .expect("scan");
    let findings = report
        .findings
        .iter()
        .filter(|f| f.check.id == "aws-test-rule")
        .map(|f| {
            let loc = report.location(f.span).expect("location");
            (
                f.resource.address.clone(),
                loc.start.line,
                f.message.clone(),
            )
        })
        .collect();
    let unknown = report
        .unknown
        .iter()
        .filter(|u| u.check.id == "aws-test-rule")
        .map(|u| u.resource.address.clone())
        .collect();
    (findings, unknown)
}

#[test]
fn one_of_matches_and_number_compare() {
    let rules = r#"
[[require]]
attribute = "tier"
one_of = ["gold", "silver"]
message = "tier {value}"
[[require]]
attribute = "name"
matches = "^prod-"
message = "name {value}"
[[require]]
attribute = "days"
default = 0
gte = 7
message = "days {value}"
"#;
    let tf = r#"
resource "aws_thing" "ok" {
  tier = "gold"
  name = "prod-a"
  days = 30
}
resource "aws_thing" "tier" {
  tier = "bronze"
}
resource "aws_thing" "name" {
  tier = "silver"
  name = "dev-a"
}
resource "aws_thing" "days" {
  tier = "silver"
  name = "prod-b"
}
"#;
    let (f, _) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            ("aws_thing.tier".into(), 8, "tier bronze".into()),
            ("aws_thing.name".into(), 12, "name dev-a".into()),
            ("aws_thing.days".into(), 14, "days 0".into()),
        ]
    );
}

#[test]
fn nested_blocks_any_and_all() {
    let rules = r#"
[[require]]
block = "rule"
any = [{ attribute = "action", equals = "deny" }]
message = "no deny rule"
[[require]]
block = "rule"
all = [{ attribute = "port", not_equals = 23 }]
message = "a rule allows port {value}"
"#;
    let tf = r#"
resource "aws_thing" "ok" {
  rule {
    action = "deny"
    port   = 22
  }
}
resource "aws_thing" "no_deny" {
  rule {
    action = "allow"
  }
}
resource "aws_thing" "telnet" {
  rule {
    action = "deny"
  }
  rule {
    action = "allow"
    port   = 23
  }
}
"#;
    let (f, _) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            ("aws_thing.no_deny".into(), 10, "no deny rule".into()),
            (
                "aws_thing.telnet".into(),
                19,
                "a rule allows port 23".into()
            ),
        ]
    );
}

#[test]
fn absent_present_not_and_unknown() {
    let rules = r#"
[[require]]
attribute = "logging"
present = true
message = "no logging"
[[require]]
not = { attribute = "public", equals = true }
message = "public"
"#;
    let tf = r#"
variable "x" {}
resource "aws_thing" "no_logging" {
}
resource "aws_thing" "public" {
  logging = "on"
  public  = true
}
resource "aws_thing" "undecided" {
  logging = "on"
  public  = var.x
}
"#;
    let (f, u) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            ("aws_thing.no_logging".into(), 3, "no logging".into()),
            ("aws_thing.public".into(), 5, "public".into()),
        ]
    );
    assert_eq!(u, vec!["aws_thing.undecided".to_string()]);
}

#[test]
fn relations_by_reference_by_name_and_with_requirements() {
    let rules = r#"
[[require]]
related = { resource = "aws_thing_policy", via = "thing", require = [{ attribute = "strict", equals = true }] }
message = "no strict policy"
"#;
    let tf = r#"
resource "aws_thing" "by_ref" {
  name = "a"
}
resource "aws_thing_policy" "a" {
  thing  = aws_thing.by_ref.id
  strict = true
}
resource "aws_thing" "by_name" {
  name = "b"
}
resource "aws_thing_policy" "b" {
  thing  = "b"
  strict = true
}
resource "aws_thing" "lax" {
  name = "c"
}
resource "aws_thing_policy" "c" {
  thing  = aws_thing.lax.id
  strict = false
}
resource "aws_thing" "none" {
  name = "d"
}
"#;
    let (f, _) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            ("aws_thing.lax".into(), 21, "no strict policy".into()),
            ("aws_thing.none".into(), 23, "no strict policy".into()),
        ]
    );
}
