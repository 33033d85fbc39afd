//! Policy analysis end to end: policies known only after apply are undecided, invalid
//! JSON yields no finding but one warning diagnostic (as do container definitions that
//! are not JSON), findings name the statement, and action lists match through IAM
//! action patterns.

use tfscan::Options;

fn scan(tf: &str) -> tfscan::report::Report {
    scan_checks(tf, Vec::new())
}

/// `scan` running only `check`.
fn scan_only(check: &str, tf: &str) -> tfscan::report::Report {
    scan_checks(tf, vec![check.to_string()])
}

/// A scan of `tf` as main.tf, running `include_checks` (every check when empty).
fn scan_checks(tf: &str, include_checks: Vec<String>) -> tfscan::report::Report {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.tf"), tf).expect("write");
    tfscan::scan(&Options {
        path: dir.path().to_path_buf(),
        include_checks,
        ..Options::default()
    })
    .expect("scan")
}

#[test]
fn unknown_policy_is_undecided_not_guessed() {
    let r = scan(
        r#"
variable "policy" { type = string }
resource "aws_s3_bucket_policy" "b" {
  bucket = "b"
  policy = var.policy
}
"#,
    );
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(
        r.unknown
            .iter()
            .any(|u| u.check.id == "aws-s3-bucket-policy-public"),
        "{:?}",
        r.unknown.iter().map(|u| &u.check.id).collect::<Vec<_>>()
    );
}

#[test]
fn invalid_json_yields_no_finding_and_one_warning() {
    let r = scan(
        r#"
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = "{not json"
}
"#,
    );
    assert!(r.findings.is_empty());
    // Every identity-policy check reads the policy; the problem is reported once.
    let notes: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.kind == tfscan::diag::DiagKind::Check)
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(!notes[0].kind.is_error());
    assert!(
        notes[0]
            .message
            .starts_with("aws_iam_policy.p: policy is not valid JSON: "),
        "{}",
        notes[0].message
    );
    let at = r
        .location(notes[0].span.expect("a location"))
        .expect("in a file");
    assert_eq!(
        (at.file.as_str(), at.start.line, at.start.column),
        ("main.tf", 4, 12)
    );
}

/// A heredoc policy broken before its first interpolation (a trailing comma) is invalid
/// whatever apply fills in: a warning that says so, not an undecided result that blames
/// the ARN known only after apply.
#[test]
fn a_heredoc_broken_before_its_interpolation_is_invalid_not_undecided() {
    let r = scan(
        r#"
resource "aws_sns_topic" "t" {
  name = "t"
}
resource "aws_sns_topic_policy" "p" {
  arn    = aws_sns_topic.t.arn
  policy = <<POLICY
{
  "Statement": [{
    "Effect": "Allow",
    "Principal": "*",
    "Action": ["SNS:Publish",],
    "Resource": "${aws_sns_topic.t.arn}"
  }]
}
POLICY
}
"#,
    );
    let public = "aws-sns-topic-policy-public";
    assert!(r.findings.iter().all(|f| f.check.id != public));
    assert!(r.unknown.iter().all(|u| u.check.id != public));
    let notes: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.kind == tfscan::diag::DiagKind::Check)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        notes,
        [
            "aws_sns_topic_policy.p: policy is not valid JSON whatever its interpolations hold: trailing comma at line 5 column 30; the policy checks cannot judge it"
        ]
    );
}

#[test]
fn deny_cancels_and_messages_name_the_statement() {
    let r = scan(
        r#"
resource "aws_iam_policy" "cancelled" {
  name = "cancelled"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "All", Effect = "Allow", Action = "*", Resource = "*" },
      { Sid = "NoIam", Effect = "Deny", Action = "iam:*", Resource = "*" },
    ]
  })
}
resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Sid = "Admin", Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
"#,
    );
    let admin: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.check.id == "aws-iam-policy-full-admin")
        .collect();
    assert_eq!(admin.len(), 1);
    assert_eq!(&*admin[0].resource.address, "aws_iam_policy.admin");
    assert_eq!(
        admin[0].message,
        "statement \"Admin\" allows every action on every resource"
    );
}

#[test]
fn invalid_container_definitions_are_a_warning_not_a_finding() {
    let r = scan(
        r#"
resource "aws_ecs_task_definition" "t" {
  family                = "t"
  container_definitions = "[{\"name\": \"app\""
}
"#,
    );
    assert!(
        !r.findings
            .iter()
            .any(|f| f.check.id == "aws-ecs-task-definition-writable-root-filesystem")
    );
    let notes: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.kind == tfscan::diag::DiagKind::Check)
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0]
            .message
            .starts_with("aws_ecs_task_definition.t: container_definitions is not valid JSON"),
        "{}",
        notes[0].message
    );
}

/// The message of `check`'s finding on a policy granting `action` on every resource,
/// or None, with `check` the only check that runs.
fn finding_for_action(check: &str, action: &str) -> Option<String> {
    let r = scan_only(
        check,
        &format!(
            r#"
resource "aws_iam_policy" "p" {{
  name   = "p"
  policy = jsonencode({{ Version = "2012-10-17", Statement = [{{ Effect = "Allow", Action = "{action}", Resource = "*" }}] }})
}}
"#
        ),
    );
    let found: Vec<_> = r.findings.iter().filter(|f| f.check.id == check).collect();
    assert!(found.len() <= 1, "{action}: {found:?}");
    found.first().map(|f| f.message.clone())
}

#[test]
fn credentials_exposure_matches_action_patterns() {
    let check = "aws-iam-policy-credentials-exposure";
    let password =
        "statement 1 allows ec2:GetPasswordData on every resource (credentials exposure)";
    for (action, want) in [
        ("ec2:GetPasswordData", Some(password)),
        ("ec2:*", Some(password)),
        ("ec2:Get*", Some(password)),
        ("EC2:getpassworddata", Some(password)),
        ("ec2:Describe*", None),
        // The ECR token carries only the caller's own ECR permissions.
        ("ecr:GetAuthorizationToken", None),
        ("ecr:*", None),
        (
            "redshift:GetClusterCredentials*",
            Some(
                "statement 1 allows redshift:GetClusterCredentials and \
                 redshift:GetClusterCredentialsWithIAM on every resource (credentials exposure)",
            ),
        ),
    ] {
        assert_eq!(
            finding_for_action(check, action).as_deref(),
            want,
            "{action}"
        );
    }
}

#[test]
fn wildcard_resource_names_the_scopable_actions_a_pattern_grants() {
    let check = "aws-iam-policy-wildcard-resource";
    for (action, want) in [
        (
            "ec2:Describe*",
            Some(
                "statement 1 allows ec2:Describe* on every resource (\"*\"), though 17 of the \
                 actions it grants (ec2:DescribeCapacityBlockExtensionOfferings, \
                 ec2:DescribeClientVpnAuthorizationRules, ec2:DescribeClientVpnConnections, \
                 ec2:DescribeClientVpnRoutes and 13 more) can be limited to specific ARNs",
            ),
        ),
        (
            "ec2:DescribeInstanceAttribute",
            Some(
                "statement 1 allows ec2:DescribeInstanceAttribute on every resource (\"*\"), \
                 though it can be limited to specific ARNs",
            ),
        ),
        // No resource type: "*" is the only resource these accept.
        ("ec2:DescribeInstances", None),
        ("ecr:GetAuthorizationToken", None),
        ("sts:GetCallerIdentity", None),
        // Service-wide wildcards are aws-iam-policy-wildcard-action's.
        ("ec2:*", None),
    ] {
        assert_eq!(
            finding_for_action(check, action).as_deref(),
            want,
            "{action}"
        );
    }
}

/// A group's policies are gathered once for every group of the root: a group named twice
/// in one `aws_iam_policy_attachment` counts that policy once, and a policy that names a
/// group known only after apply leaves every group with a policy undecided.
#[test]
fn group_policies_are_gathered_per_group() {
    let policy = r#"jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })"#;
    let groups = format!(
        r#"
resource "aws_iam_group" "a" {{ name = "a" }}
resource "aws_iam_group" "b" {{ name = "b" }}
resource "aws_iam_policy" "read" {{
  name   = "read"
  policy = {policy}
}}
resource "aws_iam_policy_attachment" "read" {{
  name       = "read"
  groups     = [aws_iam_group.a.name, "a", aws_iam_group.b.name]
  policy_arn = aws_iam_policy.read.arn
}}
resource "aws_iam_group_policy" "b" {{
  group  = aws_iam_group.b.name
  policy = {policy}
}}
"#
    );
    let r = scan(&groups);
    let mut found: Vec<(&str, &str)> = r
        .findings
        .iter()
        .filter(|f| f.check.id == "aws-iam-group-no-mfa")
        .map(|f| (&*f.resource.address, f.message.as_str()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "aws_iam_group.a",
                "none of the group's 1 policy requires MFA (no condition on aws:MultiFactorAuthPresent)"
            ),
            (
                "aws_iam_group.b",
                "none of the group's 2 policies requires MFA (no condition on aws:MultiFactorAuthPresent)"
            ),
        ]
    );

    let unknown = format!(
        "{groups}\nvariable \"group\" {{ type = string }}\nresource \"aws_iam_group_policy_attachment\" \"x\" {{\n  group      = var.group\n  policy_arn = aws_iam_policy.read.arn\n}}\n"
    );
    let r = scan(&unknown);
    assert!(
        r.findings
            .iter()
            .all(|f| f.check.id != "aws-iam-group-no-mfa"),
        "{:?}",
        r.findings
    );
    let mut undecided: Vec<&str> = r
        .unknown
        .iter()
        .filter(|u| u.check.id == "aws-iam-group-no-mfa")
        .map(|u| &*u.resource.address)
        .collect();
    undecided.sort();
    assert_eq!(undecided, ["aws_iam_group.a", "aws_iam_group.b"]);
}

/// One root cause, one finding: what a service-wide wildcard grants is named in the
/// wildcard finding, at the gravest severity among them, and the checks for those
/// actions report only what the policy grants beyond its wildcards (and
/// `wildcard-resource` not the actions they report).
#[test]
fn a_wildcard_names_the_sensitive_actions_it_grants_in_one_finding() {
    let r = scan(
        r#"
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = ["ec2:*", "s3:GetObject"], Resource = "*" },
    { Effect = "Allow", Action = "sts:GetFederationToken", Resource = "*" },
  ] })
}
"#,
    );
    let mut got: Vec<(&str, String, String)> = r
        .findings
        .iter()
        .filter(|f| f.check.id.starts_with("aws-iam-policy-"))
        .map(|f| {
            (
                f.check.id.as_str(),
                f.severity.as_str().to_string(),
                f.message.clone(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (
                "aws-iam-policy-credentials-exposure",
                "high".to_string(),
                "statement 2 allows sts:GetFederationToken on every resource (credentials \
                 exposure)"
                    .to_string()
            ),
            (
                "aws-iam-policy-data-exfiltration",
                "medium".to_string(),
                "statement 1 allows s3:GetObject on every resource (data exfiltration)".to_string()
            ),
            (
                "aws-iam-policy-wildcard-action",
                "high".to_string(),
                "statement 1 allows ec2:* on every resource, which grants ec2:GetPasswordData \
                 (credentials exposure)"
                    .to_string()
            ),
        ]
    );
}

/// One root cause, one finding among the checks about sensitive actions on every
/// resource: an action is reported by the first running check of privilege escalation,
/// credentials exposure, permissions management, data exfiltration and any-role PassRole
/// that concerns it, which names the others' concerns; `wildcard-resource` does not
/// repeat it. Leaving a check out hands its actions to the next.
#[test]
fn an_action_is_reported_once_by_the_gravest_check_that_concerns_it() {
    let text = r#"
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [
    { Effect = "Allow", Action = ["iam:CreateAccessKey", "iam:PassRole", "ec2:RunInstances"], Resource = "*" },
    { Effect = "Allow", Action = ["s3:GetObject", "sns:Publish"], Resource = "*" },
  ] })
}
"#;
    let findings = |exclude: &[&str]| -> Vec<(String, String, String)> {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("main.tf"), text).expect("write");
        let opts = Options {
            path: dir.path().to_path_buf(),
            exclude_checks: exclude.iter().map(|s| s.to_string()).collect(),
            ..Options::default()
        };
        let mut got: Vec<(String, String, String)> = tfscan::scan(&opts)
            .expect("scan")
            .findings
            .iter()
            .filter(|f| f.check.id.starts_with("aws-iam-policy-"))
            .map(|f| {
                (
                    f.check.id.clone(),
                    f.severity.as_str().to_string(),
                    f.message.clone(),
                )
            })
            .collect();
        got.sort();
        got
    };
    let t = |id: &str, severity: &str, message: &str| {
        (id.to_string(), severity.to_string(), message.to_string())
    };
    assert_eq!(
        findings(&[]),
        [
            t(
                "aws-iam-policy-data-exfiltration",
                "medium",
                "statement 2 allows s3:GetObject on every resource (data exfiltration)"
            ),
            t(
                "aws-iam-policy-privilege-escalation",
                "high",
                "statement 1 allows iam:CreateAccessKey and iam:PassRole with ec2:RunInstances \
                 on every resource, privilege-escalation paths (also credentials exposure and \
                 passing any role)"
            ),
            t(
                "aws-iam-policy-wildcard-resource",
                "medium",
                "statement 2 allows sns:Publish on every resource (\"*\"), though it can be \
                 limited to specific ARNs"
            ),
        ]
    );
    assert_eq!(
        findings(&[
            "aws-iam-policy-privilege-escalation",
            "aws-iam-policy-data-exfiltration"
        ]),
        [
            t(
                "aws-iam-policy-credentials-exposure",
                "high",
                "statement 1 allows iam:CreateAccessKey on every resource (credentials exposure)"
            ),
            t(
                "aws-iam-policy-passrole-any-role",
                "medium",
                "statement 1 allows iam:PassRole on every role (iam:CreateAccessKey, iam:PassRole, \
                 ec2:RunInstances)"
            ),
            t(
                "aws-iam-policy-wildcard-resource",
                "medium",
                "statement 1 allows ec2:RunInstances on every resource (\"*\"), though it can be \
                 limited to specific ARNs (1 more statement does too)"
            ),
        ]
    );
}
