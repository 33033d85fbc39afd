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
                f.resource.address.to_string(),
                loc.start.line,
                f.message.clone(),
            )
        })
        .collect();
    let unknown = report
        .unknown
        .iter()
        .filter(|u| u.check.id == "aws-test-rule")
        .map(|u| u.resource.address.to_string())
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
fn block_any_points_into_the_block_that_came_closest() {
    let rules = r#"
[[require]]
block = "parameter"
any = [
  { attribute = "name", equals = "logging" },
  { attribute = "value", equals = "true" },
]
message = "logging is {value}"
"#;
    let tf = r#"
resource "aws_thing" "second_is_wrong" {
  parameter {
    name  = "ssl"
    value = "true"
  }
  parameter {
    name  = "logging"
    value = false
  }
}
resource "aws_thing" "none_named" {
  parameter {
    name  = "ssl"
    value = "true"
  }
}
resource "aws_thing" "ok" {
  parameter {
    name  = "ssl"
    value = "false"
  }
  parameter {
    name  = "logging"
    value = "true"
  }
}
"#;
    let (f, _) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            (
                "aws_thing.second_is_wrong".into(),
                9,
                "logging is false".into()
            ),
            ("aws_thing.none_named".into(), 14, "logging is ssl".into()),
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
fn null_is_the_argument_left_out_and_findings_point_at_the_null() {
    let rules = r#"
[[when]]
attribute = "replica_of"
present = false
[[require]]
attribute = "days"
default = 1
gte = 7
message = "days {value}"
[[require]]
attribute = "settings.mode"
default = "open"
equals = "closed"
message = "mode {value}"
[[require]]
attribute = "logging"
present = true
message = "no logging"
"#;
    let tf = r#"
variable "source" {
  type    = string
  default = null
}
resource "aws_thing" "replica_null" {
  replica_of = var.source
  days       = null
  logging    = "on"
  settings {
    mode = "closed"
  }
}
resource "aws_thing" "replica" {
  replica_of = "other"
  days       = null
}
resource "aws_thing" "block_null" {
  days    = 7
  logging = "on"
  settings {
    mode = null
  }
}
resource "aws_thing" "dynamic_null" {
  days    = 7
  logging = "on"
  dynamic "settings" {
    for_each = [null]
    content {
      mode = settings.value
    }
  }
}
resource "aws_thing" "logging_null" {
  days     = 7
  logging  = var.source
  settings = { mode = "closed" }
}
resource "aws_thing" "object_null" {
  days     = 7
  logging  = "on"
  settings = { mode = null }
}
"#;
    let (f, u) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            ("aws_thing.replica_null".into(), 8, "days 1".into()),
            ("aws_thing.block_null".into(), 22, "mode open".into()),
            ("aws_thing.dynamic_null".into(), 31, "mode open".into()),
            ("aws_thing.logging_null".into(), 37, "no logging".into()),
            ("aws_thing.object_null".into(), 43, "mode open".into()),
        ]
    );
    assert!(u.is_empty(), "{u:?}");
}

#[test]
fn resource_type_tells_the_types_of_one_check_apart() {
    let rules = |types: &str| {
        format!(
            r#"
[[require]]
any_of = [{{ resource_type = {types} }}, {{ attribute = "x", present = true }}]
message = "no x"
"#
        )
    };
    let tf = "resource \"aws_thing\" \"a\" {\n}\n";
    let (f, _) = run(&rules(r#"["aws_other"]"#), tf);
    assert_eq!(f, vec![("aws_thing.a".into(), 1, "no x".into())]);
    let (f, _) = run(&rules(r#"["aws_other", "aws_thing"]"#), tf);
    assert!(f.is_empty());
}

#[test]
fn schedule_within_days_judges_rates_and_crons() {
    let rules = r#"
[[require]]
attribute = "schedule"
schedule_within_days = 30
message = "runs too rarely ({value})"
"#;
    let tf = r#"
resource "aws_thing" "daily" {
  schedule = "cron(0 4 * * ? *)"
}
resource "aws_thing" "hourly" {
  schedule = "rate(6 hours)"
}
resource "aws_thing" "rare" {
  schedule = "rate(45 days)"
}
resource "aws_thing" "monthly_31st" {
  schedule = "cron(0 0 31 * ? *)"
}
resource "aws_thing" "not_a_schedule" {
  schedule = "weekly"
}
resource "aws_thing" "nearest_weekday" {
  schedule = "cron(0 0 15W * ? *)"
}
"#;
    let (f, u) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            (
                "aws_thing.rare".into(),
                9,
                "runs too rarely (rate(45 days))".into()
            ),
            (
                "aws_thing.monthly_31st".into(),
                12,
                "runs too rarely (cron(0 0 31 * ? *))".into()
            ),
            (
                "aws_thing.not_a_schedule".into(),
                15,
                "runs too rarely (weekly)".into()
            ),
        ]
    );
    assert_eq!(u, vec!["aws_thing.nearest_weekday".to_string()]);
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

#[test]
fn any_of_reports_the_alternative_that_names_a_bad_value() {
    // Both alternatives fail on every resource below; the finding points at a value
    // someone wrote (`enabled = false`, `status = "Suspended"`) when there is one, and at
    // the resource header only when every alternative is merely absent.
    let rules = r#"
[[require]]
any_of = [
  { related = { resource = "aws_thing_setting", via = "thing", require = [{ attribute = "status", equals = "Enabled" }] } },
  { block = "setting", any = [{ attribute = "enabled", default = false, equals = true }] },
]
message = "setting is off ({attribute} = {value})"
"#;
    let tf = r#"
resource "aws_thing" "inline_off" {
  name = "a"
  setting {
    enabled = false
  }
}
resource "aws_thing" "companion_off" {
  name = "b"
}
resource "aws_thing_setting" "b" {
  thing  = aws_thing.companion_off.id
  status = "Suspended"
}
resource "aws_thing" "nothing" {
  name = "c"
}
"#;
    let (f, _) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            (
                "aws_thing.inline_off".into(),
                5,
                "setting is off (enabled = false)".into()
            ),
            (
                "aws_thing.companion_off".into(),
                13,
                "setting is off (status = Suspended)".into()
            ),
            (
                "aws_thing.nothing".into(),
                15,
                "setting is off (aws_thing_setting = absent)".into()
            ),
        ]
    );
}

#[test]
fn report_at_chooses_which_failing_alternative_the_finding_points_at() {
    // Both alternatives fail on `empty`: by default the finding would point at the first
    // value (`key`); `report_at` points it at the `[]` instead. Where the marked
    // alternative fails on an absent attribute, the default rule still applies.
    let rules = r#"
[[require]]
any_of = [
  { attribute = "key", present = false },
  { attribute = "sources", present = true, not_equals = [], report_at = true },
]
message = "open ({attribute} = {value})"
"#;
    let tf = r#"
resource "aws_thing" "empty" {
  key     = "ops"
  sources = []
}
resource "aws_thing" "absent" {
  key = "ops"
}
resource "aws_thing" "restricted" {
  key     = "ops"
  sources = ["sg-1"]
}
"#;
    let (f, _) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            ("aws_thing.empty".into(), 4, "open (sources = [])".into()),
            ("aws_thing.absent".into(), 7, "open (key = ops)".into()),
        ]
    );
}

#[test]
fn references_and_presence_of_values_known_only_after_apply() {
    let rules = r#"
[[require]]
any_of = [
  { attribute = "key", references = ["aws_kms_key"] },
  { attribute = "key", present = true, not_matches = "alias/aws/" },
]
message = "key {value}"
[[require]]
attribute = "token"
present = true
message = "no token"
"#;
    let tf = r#"
variable "token" {
  type = string
}
variable "key" {
  type = string
}
resource "aws_kms_key" "k" {}
resource "aws_thing" "by_reference" {
  key   = aws_kms_key.k.arn
  token = var.token
}
resource "aws_thing" "literal_arn" {
  key   = "arn:aws:kms:eu-west-1:111122223333:key/abcd"
  token = "t"
}
resource "aws_thing" "aws_managed" {
  key   = "alias/aws/s3"
  token = "t"
}
resource "aws_thing" "other_type" {
  key   = aws_thing.literal_arn.id
  token = "t"
}
resource "aws_thing" "undecided" {
  key   = var.key
  token = "t"
}
resource "aws_thing" "no_token" {
  key = aws_kms_key.k.key_id
}
"#;
    let (f, u) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            (
                "aws_thing.aws_managed".into(),
                18,
                "key alias/aws/s3".into()
            ),
            ("aws_thing.no_token".into(), 29, "no token".into()),
        ]
    );
    // A reference to another resource type is not a key, but the literal alternative
    // cannot judge a value known only after apply either.
    assert_eq!(
        u,
        vec![
            "aws_thing.other_type".to_string(),
            "aws_thing.undecided".to_string()
        ]
    );
}

#[test]
fn referenced_follows_the_checked_resource_outward() {
    let rules = r#"
[[require]]
referenced = { via = "parent_id", resource = "aws_parent", matching = ["name"], require = [{ attribute = "locked", default = false, equals = true }] }
message = "parent not locked ({value})"
"#;
    let tf = r#"
resource "aws_parent" "locked" {
  name   = "p1"
  locked = true
}
resource "aws_parent" "open" {
  name = "p2"
}
resource "aws_other" "x" {
  name = "o"
}
resource "aws_thing" "by_ref" {
  parent_id = aws_parent.locked.id
}
resource "aws_thing" "by_name" {
  parent_id = "p2"
}
resource "aws_thing" "wrong_type" {
  parent_id = aws_other.x.id
}
resource "aws_thing" "missing" {
  name = "m"
}
resource "aws_thing" "elsewhere" {
  parent_id = "p9"
}
variable "parent" {
  type = string
}
resource "aws_thing" "unknown" {
  parent_id = var.parent
}
data "aws_parent" "looked_up" {
  name = "p3"
}
resource "aws_thing" "from_data" {
  parent_id = data.aws_parent.looked_up.id
}
"#;
    let (f, u) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            (
                "aws_thing.by_name".into(),
                16,
                "parent not locked (false)".into()
            ),
            (
                "aws_thing.wrong_type".into(),
                19,
                "parent not locked (aws_other.x)".into()
            ),
            (
                "aws_thing.missing".into(),
                21,
                "parent not locked (absent)".into()
            ),
        ]
    );
    assert_eq!(
        u,
        vec![
            "aws_thing.elsewhere".to_string(),
            "aws_thing.unknown".to_string(),
            "aws_thing.from_data".to_string()
        ]
    );
}

/// A pattern is compiled when the check file is read, so a bad one stops the scan with
/// the file and the pattern named, before any resource is judged.
#[test]
fn invalid_regex_is_reported_with_its_file() {
    let check = "id = \"aws-test-rule\"\ntitle = \"test\"\nseverity = \"low\"\narea = \"data\"\nresources = [\"aws_thing\"]\ndescription = \"d\"\nremediation = \"r\"\n[[require]]\nattribute = \"name\"\nmatches = \"^(prod\"\n";
    let checks = dir_with(&[("aws-test-rule.toml", check)]);
    let code = dir_with(&[("main.tf", "resource \"aws_thing\" \"a\" {}\n")]);
    let err = tfscan::scan(&Options {
        path: code.path().to_path_buf(),
        checks_dirs: vec![checks.path().to_path_buf()],
        ..Options::default()
    })
    .err()
    .expect("the check file is refused")
    .to_string();
    assert!(err.contains("aws-test-rule.toml"), "{err}");
    assert!(err.contains("invalid regex '^(prod'"), "{err}");
}

/// A list's length is known before its elements are: `[aws_sns_topic.t.arn]` is not the
/// empty list whatever the ARN turns out to be, and is not `["a", "b"]` either; whether it
/// is `["a"]` waits for apply. A set of unknown elements, or a list of unknown length
/// holding one, is known not to be empty (duplicates may merge after apply, but one
/// element stays).
#[test]
fn lists_known_in_part_are_compared_by_what_is_known() {
    let rules = r#"
[[require]]
attribute = "actions"
default = []
not_equals = []
message = "no actions"
[[require]]
attribute = "pair"
default = []
not_equals = ["a", "b"]
message = "pair {value}"
"#;
    let tf = r#"
resource "aws_sns_topic" "t" {}
variable "arns" {
  type = list(string)
}
resource "aws_thing" "one_action" {
  actions = [aws_sns_topic.t.arn]
  pair    = ["a", aws_sns_topic.t.arn, "c"]
}
resource "aws_thing" "set_of_one" {
  actions = toset([aws_sns_topic.t.arn])
}
resource "aws_thing" "one_and_more" {
  actions = concat([aws_sns_topic.t.arn], var.arns)
}
resource "aws_thing" "none" {
  actions = []
}
resource "aws_thing" "whole_list_unknown" {
  actions = var.arns
}
resource "aws_thing" "same_length" {
  actions = ["x"]
  pair    = ["a", aws_sns_topic.t.arn]
}
resource "aws_thing" "known_part_differs" {
  actions = ["x"]
  pair    = ["z", aws_sns_topic.t.arn]
}
"#;
    let (f, u) = run(rules, tf);
    assert_eq!(f, vec![("aws_thing.none".into(), 17, "no actions".into())]);
    assert_eq!(
        u,
        vec![
            "aws_thing.whole_list_unknown".to_string(),
            "aws_thing.same_length".to_string()
        ]
    );
}

/// `present = true` beside a comparison: a list known in part is present, and judged by
/// the comparison on what is known (`[aws_security_group.bastion.id]` is a group).
#[test]
fn presence_with_a_comparison_on_a_list_known_in_part() {
    let rules = r#"
[[require]]
attribute = "groups"
present = true
not_equals = []
message = "groups {value}"
"#;
    let tf = r#"
resource "aws_security_group" "bastion" {}
variable "groups" {
  type = list(string)
}
resource "aws_thing" "by_reference" {
  groups = [aws_security_group.bastion.id]
}
resource "aws_thing" "empty" {
  groups = []
}
resource "aws_thing" "absent" {
}
resource "aws_thing" "unknown" {
  groups = var.groups
}
"#;
    let (f, u) = run(rules, tf);
    assert_eq!(
        f,
        vec![
            ("aws_thing.empty".into(), 10, "groups []".into()),
            ("aws_thing.absent".into(), 12, "groups absent".into()),
        ]
    );
    assert_eq!(u, vec!["aws_thing.unknown".to_string()]);
}

/// `covered_by`: a check leaves a resource to a check whose finding already names its
/// root cause, and reports it when that check does not run.
#[test]
fn covered_by_leaves_the_resource_to_the_covering_check_that_runs() {
    let code = dir_with(&[(
        "main.tf",
        "resource \"aws_s3_bucket\" \"plain\" {\n  bucket = \"plain\"\n}\n",
    )]);
    let ids = |include: &[&str]| -> Vec<String> {
        let report = tfscan::scan(&Options {
            path: code.path().to_path_buf(),
            include_checks: include.iter().map(|s| s.to_string()).collect(),
            ..Options::default()
        })
        .expect("scan");
        let mut ids: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.check.id.starts_with("aws-s3-bucket-encryption"))
            .map(|f| f.check.id.clone())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&[]), ["aws-s3-bucket-encryption-disabled"]);
    assert_eq!(
        ids(&["aws-s3-bucket-encryption-not-customer-key"]),
        ["aws-s3-bucket-encryption-not-customer-key"]
    );
}

#[test]
fn covered_by_must_name_a_check() {
    let check = "id = \"aws-test-rule\"\ntitle = \"test\"\nseverity = \"low\"\narea = \"data\"\n\
                 resources = [\"aws_thing\"]\ndescription = \"d\"\nremediation = \"r\"\n\
                 covered_by = [\"aws-no-such-check\"]\n\
                 [[require]]\nattribute = \"name\"\npresent = true\n";
    let checks = dir_with(&[("aws-test-rule.toml", check)]);
    let errors = match tfscan::engine::Catalog::load(&[checks.path()]) {
        Err(e) => e,
        Ok(_) => panic!("a covered_by naming no check loads"),
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].ends_with(
            "check 'aws-test-rule' is covered_by 'aws-no-such-check', which is not a check"
        ),
        "{errors:?}"
    );
}
