//! Values known in part are judged on what is known: a policy whose ARN is known only after
//! apply, a template around an unknown, a list of unknown length. Each case states the
//! exact findings and undecided results of the checks it is about; a check that needs
//! only known parts decides, and one that needs an unknown part stays undecided.

use tfscan::Options;

struct Outcome {
    findings: Vec<(String, String)>,
    undecided: Vec<(String, String)>,
}

fn scan(tf: &str) -> tfscan::report::Report {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("main.tf"), tf).expect("write");
    tfscan::scan(&Options {
        path: dir.path().to_path_buf(),
        ..Options::default()
    })
    .expect("scan")
}

/// Scans `tf` and keeps the results of `checks` as sorted (check id, address) pairs.
fn judge(tf: &str, checks: &[&str]) -> Outcome {
    let r = scan(tf);
    let keep = |id: &str| checks.contains(&id);
    let mut findings: Vec<(String, String)> = r
        .findings
        .iter()
        .filter(|f| keep(&f.check.id))
        .map(|f| (f.check.id.to_string(), f.resource.address.to_string()))
        .collect();
    let mut undecided: Vec<(String, String)> = r
        .unknown
        .iter()
        .filter(|u| keep(&u.check.id))
        .map(|u| (u.check.id.to_string(), u.resource.address.to_string()))
        .collect();
    findings.sort();
    undecided.sort();
    Outcome {
        findings,
        undecided,
    }
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

const QUEUE_CHECKS: &[&str] = &[
    "aws-sqs-queue-policy-public",
    "aws-sqs-queue-policy-wildcard-action",
];

/// `jsonencode` of an object whose Resource is an ARN known after apply: Principal,
/// Effect and Action are literal, so both queue-policy checks decide.
#[test]
fn jsonencode_with_an_unknown_resource_is_judged() {
    let o = judge(
        r#"
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_sqs_queue_policy" "p" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = aws_sqs_queue.q.arn }]
  })
}
"#,
        QUEUE_CHECKS,
    );
    assert_eq!(
        o.findings,
        pairs(&[
            ("aws-sqs-queue-policy-public", "aws_sqs_queue_policy.p"),
            (
                "aws-sqs-queue-policy-wildcard-action",
                "aws_sqs_queue_policy.p"
            ),
        ])
    );
    assert_eq!(o.undecided, pairs(&[]));
}

/// A heredoc whose JSON surrounds `${...}`: the interpolation is a hole in a JSON string.
#[test]
fn heredoc_json_around_an_interpolation_is_judged() {
    let o = judge(
        r#"
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_sqs_queue_policy" "p" {
  queue_url = aws_sqs_queue.q.id
  policy    = <<EOF
{
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "*"},
    "Action": "sqs:SendMessage",
    "Resource": "${aws_sqs_queue.q.arn}"
  }]
}
EOF
}
"#,
        QUEUE_CHECKS,
    );
    assert_eq!(
        o.findings,
        pairs(&[("aws-sqs-queue-policy-public", "aws_sqs_queue_policy.p")])
    );
    assert_eq!(o.undecided, pairs(&[]));
}

const BUCKET_CHECKS: &[&str] = &[
    "aws-s3-bucket-policy-public",
    "aws-s3-bucket-policy-allows-http",
];

/// A policy document whose resources are `"${aws_s3_bucket.b.arn}/*"` (some object of the
/// bucket) is public; a deny on the same ARN pattern is a deny.
#[test]
fn policy_document_with_bucket_arns() {
    let o = judge(
        r#"
resource "aws_s3_bucket" "b" { bucket = "b" }
data "aws_iam_policy_document" "d" {
  statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
  }
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = data.aws_iam_policy_document.d.json
}
"#,
        BUCKET_CHECKS,
    );
    assert_eq!(
        o.findings,
        pairs(&[("aws-s3-bucket-policy-public", "aws_s3_bucket_policy.p")])
    );
    assert_eq!(o.undecided, pairs(&[]));
}

/// A principal that could be anyone (a variable without a value) leaves the public check
/// undecided; a principal that is a role's ARN is one concrete role: not public.
#[test]
fn unknown_principals() {
    let o = judge(
        r#"
variable "who" {}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_sqs_queue_policy" "anyone" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = var.who }, Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.arn }] })
}
resource "aws_sqs_queue_policy" "role" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = aws_iam_role.r.arn }, Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.arn }] })
}
"#,
        QUEUE_CHECKS,
    );
    assert_eq!(o.findings, pairs(&[]));
    assert_eq!(
        o.undecided,
        pairs(&[("aws-sqs-queue-policy-public", "aws_sqs_queue_policy.anyone")])
    );
}

/// A condition on a limiting key limits whatever concrete ARN it names; a condition whose
/// value could be anything may not limit.
#[test]
fn unknown_condition_values() {
    let o = judge(
        r#"
variable "vpce" {}
resource "aws_sns_topic" "t" { name = "t" }
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_sqs_queue_policy" "from_topic" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({ Statement = [{
    Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.arn
    Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.t.arn } }
  }] })
}
resource "aws_sqs_queue_policy" "from_vpce" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({ Statement = [{
    Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.arn
    Condition = { StringLike = { "aws:SourceVpce" = var.vpce } }
  }] })
}
"#,
        QUEUE_CHECKS,
    );
    assert_eq!(o.findings, pairs(&[]));
    assert_eq!(
        o.undecided,
        pairs(&[(
            "aws-sqs-queue-policy-public",
            "aws_sqs_queue_policy.from_vpce"
        )])
    );
}

/// One unknown statement does not hide a public neighbour.
#[test]
fn an_unknown_statement_keeps_its_neighbours_known() {
    let o = judge(
        r#"
variable "extra" {}
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_sqs_queue_policy" "p" {
  queue_url = aws_sqs_queue.q.id
  policy = jsonencode({ Statement = [
    var.extra,
    { Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = aws_sqs_queue.q.arn },
  ] })
}
"#,
        QUEUE_CHECKS,
    );
    assert_eq!(
        o.findings,
        pairs(&[("aws-sqs-queue-policy-public", "aws_sqs_queue_policy.p")])
    );
    // The unknown statement may grant sqs:*.
    assert_eq!(
        o.undecided,
        pairs(&[(
            "aws-sqs-queue-policy-wildcard-action",
            "aws_sqs_queue_policy.p"
        )])
    );
}

/// A document with no principal has nothing for a principal check to judge, whatever its
/// unknown resources are.
#[test]
fn no_principal_nothing_to_judge() {
    let o = judge(
        r#"
resource "aws_s3_bucket" "b" { bucket = "b" }
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
  }
}
"#,
        &["aws-iam-policy-document-any-principal"],
    );
    assert_eq!(o.findings, pairs(&[]));
    assert_eq!(o.undecided, pairs(&[]));
}

/// `effect = null` is not set: the statement allows.
#[test]
fn null_effect_is_allow() {
    let o = judge(
        r#"
data "aws_iam_policy_document" "d" {
  statement {
    effect    = null
    actions   = ["*"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
"#,
        &["aws-iam-policy-full-admin"],
    );
    assert_eq!(
        o.findings,
        pairs(&[("aws-iam-policy-full-admin", "aws_iam_policy.p")])
    );
}

const MANAGED: &[&str] = &[
    "aws-iam-administrator-access-attached",
    "aws-iam-iam-full-access-attached",
];

/// A managed-policy ARN with the partition known after apply names the same policy in
/// every partition; a customer policy's ARN is never an AWS-managed one; an ARN that
/// could be anything is undecided.
#[test]
fn managed_policy_arns_with_unknown_parts() {
    let o = judge(
        r#"
data "aws_partition" "current" {}
variable "arn" {}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
resource "aws_iam_policy" "mine" {
  name   = "mine"
  policy = "{}"
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_role_policy_attachment" "eks" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}
resource "aws_iam_role_policy_attachment" "mine" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.mine.arn
}
resource "aws_iam_role_policy_attachment" "any" {
  role       = aws_iam_role.r.name
  policy_arn = var.arn
}
"#,
        MANAGED,
    );
    assert_eq!(
        o.findings,
        pairs(&[(
            "aws-iam-administrator-access-attached",
            "aws_iam_role_policy_attachment.admin"
        )])
    );
    assert_eq!(
        o.undecided,
        pairs(&[
            (
                "aws-iam-administrator-access-attached",
                "aws_iam_role_policy_attachment.any"
            ),
            (
                "aws-iam-iam-full-access-attached",
                "aws_iam_role_policy_attachment.any"
            ),
        ])
    );
}

/// An account id known only after apply is an account: trusting its root is found.
#[test]
fn trust_of_an_account_known_after_apply() {
    let o = judge(
        r#"
data "aws_caller_identity" "current" {}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole",
    Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" } }] })
}
"#,
        &["aws-iam-role-trust-account-root"],
    );
    assert_eq!(
        o.findings,
        pairs(&[("aws-iam-role-trust-account-root", "aws_iam_role.r")])
    );
}

/// `distinct(concat(...))` of references keeps every reference: both groups are used.
#[test]
fn lists_of_unknown_length_keep_their_references() {
    let o = judge(
        r#"
resource "aws_security_group" "a" {
  name        = "a"
  description = "a"
  vpc_id      = "vpc-1"
}
resource "aws_security_group" "b" {
  name        = "b"
  description = "b"
  vpc_id      = "vpc-1"
}
variable "more" { type = list(string) }
resource "aws_vpc_endpoint" "e" {
  vpc_id             = "vpc-1"
  service_name       = "com.amazonaws.us-east-1.rds"
  vpc_endpoint_type  = "Interface"
  security_group_ids = distinct(concat([aws_security_group.a.id], [aws_security_group.b.id], var.more))
}
"#,
        &["aws-vpc-sg-not-attached"],
    );
    assert_eq!(o.findings, pairs(&[]));
}

/// A reference to a resource the configuration does not declare is reported (Terraform
/// rejects it) and unknown: the literal parts around it are still judged.
#[test]
fn an_undeclared_reference_is_an_error_and_an_unknown() {
    let r = scan(
        r#"
resource "aws_sqs_queue_policy" "p" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/q"
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = aws_sqs_queue.missing.arn }] })
}
"#,
    );
    let found: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.check.id == "aws-sqs-queue-policy-public")
        .map(|f| &*f.resource.address)
        .collect();
    assert_eq!(found, ["aws_sqs_queue_policy.p"]);
    // Reported as an evaluation problem, as any expression Terraform would reject.
    let errors: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.kind == tfscan::diag::DiagKind::Evaluation)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        errors,
        ["reference to undeclared resource aws_sqs_queue.missing"]
    );
}

/// An argument set to null behaves as if omitted: a VPC's `ipv6_cidr_block = null` with a
/// generated block is the block AWS assigns at apply, so a subnet carved from it is
/// unknown — not an error, and not a subnet outside its VPC.
#[test]
fn a_null_argument_the_provider_computes_is_unknown() {
    let r = scan(
        r#"
resource "aws_vpc" "v" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
  ipv6_cidr_block                  = null
}
resource "aws_subnet" "s" {
  vpc_id          = aws_vpc.v.id
  cidr_block      = "10.0.1.0/24"
  ipv6_cidr_block = cidrsubnet(aws_vpc.v.ipv6_cidr_block, 8, 1)
}
"#,
    );
    let messages: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, Vec::<&str>::new());
    assert!(
        !r.findings
            .iter()
            .any(|f| f.check.id == "aws-vpc-subnet-outside-vpc-cidr"),
        "{:?}",
        r.findings.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}

/// An OpenSearch access policy around the domain's own ARN (sadcloud's heredoc form) is
/// judged on its known principal and source IPs; an unknown source IP leaves it open to
/// the unknown.
#[test]
fn opensearch_access_policy_around_the_domains_arn() {
    let o = judge(
        r#"
variable "office" {}
resource "aws_elasticsearch_domain" "d" { domain_name = "d" }
resource "aws_elasticsearch_domain_policy" "anyone" {
  domain_name     = aws_elasticsearch_domain.d.domain_name
  access_policies = <<POLICIES
{
  "Statement": [{
    "Action": "es:*",
    "Principal": "*",
    "Effect": "Allow",
    "Resource": "${aws_elasticsearch_domain.d.arn}/*"
  }]
}
POLICIES
}
resource "aws_elasticsearch_domain_policy" "named" {
  domain_name     = aws_elasticsearch_domain.d.domain_name
  access_policies = jsonencode({ Statement = [{
    Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "es:*"
    Resource = "${aws_elasticsearch_domain.d.arn}/*"
  }] })
}
resource "aws_elasticsearch_domain_policy" "from_office" {
  domain_name     = aws_elasticsearch_domain.d.domain_name
  access_policies = jsonencode({ Statement = [{
    Effect = "Allow", Principal = "*", Action = "es:*", Resource = "${aws_elasticsearch_domain.d.arn}/*"
    Condition = { IpAddress = { "aws:SourceIp" = var.office } }
  }] })
}
"#,
        &["aws-opensearch-access-policy-open-to-internet"],
    );
    assert_eq!(
        o.findings,
        pairs(&[(
            "aws-opensearch-access-policy-open-to-internet",
            "aws_elasticsearch_domain_policy.anyone"
        )])
    );
    assert_eq!(
        o.undecided,
        pairs(&[(
            "aws-opensearch-access-policy-open-to-internet",
            "aws_elasticsearch_domain_policy.from_office"
        )])
    );
}

/// An instance's security groups written as a list of unknown length
/// (`distinct(concat(...))`) are still those groups: the path through them is known.
#[test]
fn security_groups_in_a_list_of_unknown_length_are_followed() {
    let r = scan(
        r#"
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "g" { vpc_id = aws_vpc.v.id }
resource "aws_subnet" "s" {
  vpc_id                  = aws_vpc.v.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
resource "aws_route_table" "t" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.g.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.s.id
  route_table_id = aws_route_table.t.id
}
resource "aws_security_group" "ssh" {
  name        = "ssh"
  description = "ssh"
  vpc_id      = aws_vpc.v.id
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "other" {
  name        = "other"
  description = "other"
  vpc_id      = aws_vpc.v.id
}
resource "aws_instance" "i" {
  ami                    = "ami-123"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.s.id
  vpc_security_group_ids = distinct(concat([aws_security_group.ssh.id], [aws_security_group.other.id]))
}
"#,
    );
    let ssh: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.check.id == "aws-vpc-sg-admin-port-open-to-internet")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        ssh,
        ["allows SSH (tcp/22) from 0.0.0.0/0; it makes aws_instance.i reachable from the internet"]
    );
    assert!(
        !r.unknown
            .iter()
            .any(|u| u.check.id == "aws-vpc-resource-internet-reachable"),
        "{:?}",
        r.unknown.iter().map(|u| &u.reason).collect::<Vec<_>>()
    );
}
