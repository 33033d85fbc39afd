//! Evaluation as Terraform does it, observed through the resource model and findings.

mod common;

use common::dir_with;

use tfscan::Options;
use tfscan::value::Value;

fn options(dir: &tempfile::TempDir) -> Options {
    Options {
        // Hygiene checks that fire on any bare security group say nothing about what
        // these tests are about.
        exclude_checks: vec![
            "aws-vpc-sg-no-description".into(),
            "aws-vpc-sg-not-attached".into(),
        ],
        path: dir.path().to_path_buf(),
        eval: tfscan::eval::EvalOptions {
            workspace: "default".into(),
            ..Default::default()
        },
        ..Options::default()
    }
}

fn model(opts: &Options) -> (tfscan::model::Model, Vec<tfscan::diag::Diagnostic>) {
    let (_, m, d) = tfscan::load_model(opts).expect("loads");
    (m, d)
}

fn addresses(m: &tfscan::model::Model) -> Vec<String> {
    let mut a: Vec<String> = m.instances.iter().map(|i| i.address.to_string()).collect();
    a.sort();
    a
}

fn attr<'m>(m: &'m tfscan::model::Model, address: &str, name: &str) -> &'m Value {
    &m.instances
        .iter()
        .find(|i| &*i.address == address)
        .unwrap_or_else(|| panic!("{address} not in model"))
        .body
        .attr(name)
        .unwrap_or_else(|| panic!("{address}.{name} not set"))
        .value
}

const TOGGLED: &str = r#"
variable "enabled" {
  type    = bool
  default = false
}

resource "aws_security_group_rule" "ssh" {
  count             = var.enabled ? 1 : 0
  type              = "ingress"
  security_group_id = "sg-123"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}
"#;

#[test]
fn count_zero_removes_the_resource_and_var_brings_it_back() {
    let dir = dir_with(&[("main.tf", TOGGLED)]);
    let mut opts = options(&dir);
    let r = tfscan::scan(&opts).expect("scan");
    assert!(r.findings.is_empty());
    assert_eq!(r.resources, 0);

    opts.eval.cli_vars = vec![("enabled".into(), "true".into())];
    let r = tfscan::scan(&opts).expect("scan");
    assert_eq!(r.findings.len(), 1);
    assert_eq!(
        &*r.findings[0].resource.address,
        "aws_security_group_rule.ssh[0]"
    );
}

#[test]
fn tfvars_override_defaults_and_cli_overrides_tfvars() {
    let dir = dir_with(&[
        ("main.tf", TOGGLED),
        ("terraform.tfvars", "enabled = true\n"),
    ]);
    let mut opts = options(&dir);
    assert_eq!(tfscan::scan(&opts).expect("scan").findings.len(), 1);
    opts.eval.cli_vars = vec![("enabled".into(), "false".into())];
    assert_eq!(tfscan::scan(&opts).expect("scan").findings.len(), 0);
}

#[test]
fn a_module_called_twice_is_judged_per_instance() {
    let dir = dir_with(&[
        (
            "main.tf",
            r#"
module "public" {
  source = "./modules/sg"
  cidrs  = ["0.0.0.0/0"]
}
module "private" {
  source = "./modules/sg"
  cidrs  = ["10.0.0.0/8"]
}
"#,
        ),
        (
            "modules/sg/main.tf",
            r#"
variable "cidrs" { type = list(string) }
resource "aws_security_group" "this" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}
"#,
        ),
    ]);
    let r = tfscan::scan(&options(&dir)).expect("scan");
    assert_eq!(
        r.roots, 1,
        "the module directory is not scanned as a root of its own"
    );
    let addrs: Vec<_> = r.findings.iter().map(|f| &*f.resource.address).collect();
    assert_eq!(addrs, vec!["module.public.aws_security_group.this"]);
    let related: Vec<_> = r.findings[0]
        .related()
        .map(|x| x.into_owned().message)
        .collect();
    assert_eq!(
        related,
        vec![
            "0.0.0.0/0 is passed to module.public as cidrs",
            "this rule allows SSH (tcp/22)",
            "in module.public"
        ]
    );
}

#[test]
fn for_each_and_count_give_terraform_addresses() {
    let dir = dir_with(&[
        (
            "main.tf",
            r#"
locals {
  buckets = { logs = "a-logs", data = "a-data" }
}
resource "aws_s3_bucket" "b" {
  for_each = local.buckets
  bucket   = each.value
  tags     = { key = each.key }
}
resource "aws_ebs_volume" "v" {
  count             = 2
  availability_zone = "eu-west-1${count.index == 0 ? "a" : "b"}"
  size              = 10 * (count.index + 1)
}
module "m" {
  source   = "./m"
  for_each = { x = "queue" }
}
"#,
        ),
        ("m/main.tf", "resource \"aws_sqs_queue\" \"q\" {}\n"),
    ]);
    let (m, _) = model(&options(&dir));
    assert_eq!(
        addresses(&m),
        vec![
            "aws_ebs_volume.v[0]",
            "aws_ebs_volume.v[1]",
            "aws_s3_bucket.b[\"data\"]",
            "aws_s3_bucket.b[\"logs\"]",
            "module.m[\"x\"].aws_sqs_queue.q",
        ]
    );
    assert_eq!(
        attr(&m, "aws_s3_bucket.b[\"logs\"]", "bucket").as_str(),
        Some("a-logs")
    );
    assert_eq!(
        attr(&m, "aws_ebs_volume.v[1]", "availability_zone").as_str(),
        Some("eu-west-1b")
    );
    assert_eq!(
        attr(&m, "aws_ebs_volume.v[1]", "size").as_number(),
        Some(20.0)
    );
}

#[test]
fn dynamic_blocks_expand_and_references_keep_their_target() {
    let dir = dir_with(&[(
        "main.tf",
        r#"
variable "ports" { default = [22, 443] }
resource "aws_security_group" "web" {
  dynamic "ingress" {
    for_each = var.ports
    iterator = p
    content {
      from_port   = p.value
      to_port     = p.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
resource "aws_security_group_rule" "r" {
  type              = "egress"
  security_group_id = aws_security_group.web.id
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
}
"#,
    )]);
    let opts = options(&dir);
    let (m, _) = model(&opts);
    let sg = m
        .instances
        .iter()
        .find(|i| &*i.address == "aws_security_group.web")
        .expect("sg");
    let ports: Vec<f64> = sg
        .body
        .blocks("ingress")
        .filter_map(|b| b.body.attr("from_port").and_then(|a| a.value.as_number()))
        .collect();
    assert_eq!(ports, vec![22.0, 443.0]);
    let id = attr(&m, "aws_security_group_rule.r", "security_group_id");
    let tfscan::value::Kind::Unknown(u) = &id.kind else {
        panic!("an id Terraform computes is unknown, got {id}");
    };
    assert_eq!(u.refers_to.as_deref(), Some("aws_security_group.web"));
    // The dynamic rule on port 22 is found.
    let r = tfscan::scan(&opts).expect("scan");
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].message, "allows SSH (tcp/22) from 0.0.0.0/0");
}

#[test]
fn null_arguments_are_left_out_in_bodies_blocks_dynamic_blocks_and_references() {
    let dir = dir_with(&[(
        "main.tf",
        r#"
variable "tokens" {
  type    = string
  default = null
}
resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = null
  metadata_options {
    http_tokens = var.tokens
  }
  dynamic "ebs_block_device" {
    for_each = [null]
    content {
      device_name = "/dev/sdf"
      volume_type = ebs_block_device.value
    }
  }
}
resource "aws_sqs_queue" "q" {
  name = aws_instance.web.instance_type
}
"#,
    )]);
    let (m, _) = model(&options(&dir));
    let web = m
        .instances
        .iter()
        .find(|i| &*i.address == "aws_instance.web")
        .expect("web");
    // Absent to every reader, still written where the model shows it.
    assert!(web.body.attr("instance_type").is_none());
    assert!(
        web.body
            .written("instance_type")
            .is_some_and(|a| a.value.is_null())
    );
    let options = web.body.blocks("metadata_options").next().expect("block");
    assert!(options.body.attr("http_tokens").is_none());
    let ebs = web
        .body
        .blocks("ebs_block_device")
        .next()
        .expect("dynamic block");
    assert!(ebs.body.attr("volume_type").is_none());
    assert!(ebs.body.attr("device_name").is_some());
    // A reference to an argument left out is what the provider makes of it, known only
    // after apply, and still points at its resource.
    let name = attr(&m, "aws_sqs_queue.q", "name");
    let tfscan::value::Kind::Unknown(u) = &name.kind else {
        panic!("a reference to a null argument is unknown, got {name}");
    };
    assert_eq!(u.refers_to.as_deref(), Some("aws_instance.web"));
}

#[test]
fn cyclic_locals_are_an_error_naming_the_cycle() {
    let dir = dir_with(&[(
        "main.tf",
        "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_ebs_volume\" \"v\" {\n  encrypted = local.a\n}\n",
    )]);
    let (m, d) = model(&options(&dir));
    assert_eq!(m.instances.len(), 1);
    assert!(attr(&m, "aws_ebs_volume.v", "encrypted").is_unknown());
    assert!(
        d.iter().any(|x| x.message.contains("cycle")
            && x.message.contains("local.a")
            && x.message.contains("local.b")),
        "{d:?}"
    );
}

#[test]
fn unknown_values_leave_checks_undecided() {
    let dir = dir_with(&[(
        "main.tf",
        "variable \"enc\" { type = bool }\nresource \"aws_ebs_volume\" \"v\" {\n  encrypted = var.enc\n}\n",
    )]);
    let r = tfscan::scan(&options(&dir)).expect("scan");
    assert!(r.findings.is_empty());
    // Every check that depends on `encrypted` is undecided; this one says why.
    let unknown: Vec<_> = r
        .unknown
        .iter()
        .filter(|u| u.check.id == "aws-ebs-volume-not-encrypted")
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(
        unknown[0].reason,
        "encrypted: var.enc has no value (no default, not set)"
    );
}

#[test]
fn policy_documents_render_like_the_provider() {
    let dir = dir_with(&[(
        "main.tf",
        r#"
data "aws_iam_policy_document" "p" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["123456789012"]
    }
  }
}
"#,
    )]);
    let (m, _) = model(&options(&dir));
    assert!(
        m.instances
            .iter()
            .any(|i| &*i.rtype == "aws_iam_policy_document")
    );
    // The rendered JSON is what references to `.json` see.
    let dir2 = dir_with(&[(
        "main.tf",
        r#"
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "x" {
  policy = data.aws_iam_policy_document.p.json
}
"#,
    )]);
    let (m2, _) = model(&options(&dir2));
    let policy = attr(&m2, "aws_iam_policy.x", "policy")
        .as_str()
        .expect("known")
        .to_string();
    let json: serde_json::Value = serde_json::from_str(&policy).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": "*"}]
        })
    );
}

#[test]
fn installed_registry_modules_are_scanned_through_modules_json() {
    let dir = dir_with(&[
        (
            "main.tf",
            "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.0.0\"\n  encrypted = false\n}\nmodule \"missing\" {\n  source = \"git::https://example.com/x.git\"\n}\n",
        ),
        (
            ".terraform/modules/modules.json",
            r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"vpc","Source":"registry.terraform.io/terraform-aws-modules/vpc/aws","Version":"5.0.0","Dir":".terraform/modules/vpc"}]}"#,
        ),
        (
            ".terraform/modules/vpc/main.tf",
            "variable \"encrypted\" {}\nresource \"aws_ebs_volume\" \"v\" {\n  encrypted = var.encrypted\n}\n",
        ),
    ]);
    let r = tfscan::scan(&options(&dir)).expect("scan");
    assert_eq!(r.roots, 1, "the module cache is never a root");
    let ids: Vec<_> = r
        .findings
        .iter()
        .map(|f| (f.check.id.as_str(), &*f.resource.address))
        .collect();
    assert_eq!(
        ids,
        vec![(
            "aws-ebs-volume-not-encrypted",
            "module.vpc.aws_ebs_volume.v"
        )]
    );
    let coverage: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.kind == tfscan::diag::DiagKind::Coverage)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(coverage.len(), 1, "{coverage:?}");
    assert!(
        coverage[0].starts_with(
            "module.missing: source 'git::https://example.com/x.git' is not installed"
        )
    );
}

#[test]
fn json_variable_files_load_in_terraform_order() {
    let dir = dir_with(&[
        (
            "main.tf",
            "variable \"a\" {}\nvariable \"b\" {}\nresource \"aws_sqs_queue\" \"q\" {\n  name = \"${var.a}-${var.b}\"\n}\n",
        ),
        ("terraform.tfvars", "a = \"hcl\"\nb = \"hcl\"\n"),
        (
            "terraform.tfvars.json",
            "{\"a\": \"json\", \"b\": \"json\"}",
        ),
        ("z.auto.tfvars.json", "{\"b\": \"auto-json\"}"),
    ]);
    let (m, d) = model(&options(&dir));
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        attr(&m, "aws_sqs_queue.q", "name").as_str(),
        Some("json-auto-json")
    );

    let bad = dir_with(&[
        ("main.tf", "variable \"a\" {}\n"),
        ("terraform.tfvars.json", "{\n  \"a\": ,\n}"),
    ]);
    let (_, d) = model(&options(&bad));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].kind, tfscan::diag::DiagKind::Parse);
    assert!(d[0].message.starts_with("invalid JSON"));
}

#[test]
fn terraform_json_files_are_evaluated_with_exact_locations() {
    let json = r#"{
  "variable": {"ssh_cidr": {"type": "string", "default": "0.0.0.0/0"}},
  "resource": {
    "aws_security_group": {
      "ssh": {
        "ingress": [{
          "from_port": 22,
          "to_port": 22,
          "protocol": "tcp",
          "cidr_blocks": ["${var.ssh_cidr}"]
        }]
      }
    }
  }
}"#;
    let dir = dir_with(&[("main.tf.json", json)]);
    let r = tfscan::scan(&options(&dir)).expect("scan");
    let f = r
        .findings
        .iter()
        .find(|f| f.check.id == "aws-vpc-sg-admin-port-open-to-internet")
        .expect("the open SSH rule is found");
    let loc = r.location(f.span).expect("location");
    assert_eq!(
        (loc.file.as_str(), loc.start.line, loc.start.column),
        ("main.tf.json", 10, 26)
    );
    assert_eq!(r.sources.snippet(f.span), "[\"${var.ssh_cidr}\"]");
    let first = f.related().next().expect("related");
    let default = r.location(first.span).expect("related");
    assert_eq!((default.start.line, default.start.column), (2, 58));
    assert_eq!(first.message, "0.0.0.0/0 is the default of var.ssh_cidr");

    let bad = dir_with(&[("main.tf.json", "{\n  \"resource\": [1,\n}")]);
    let r = tfscan::scan(&options(&bad)).expect("scan");
    let e = &r.diagnostics[0];
    assert_eq!(e.kind, tfscan::diag::DiagKind::Parse);
    assert_eq!(
        r.location(e.span.expect("span")).expect("loc").start.line,
        3
    );
}

#[test]
fn limits_are_reported_and_the_scan_goes_on() {
    let dir = dir_with(&[
        (
            "main.tf",
            r#"
resource "aws_sqs_queue" "many" {
  count = 1000000000
  name  = "q-${count.index}"
}
module "self" {
  source = "./"
}
locals {
  deep = [for a in [1] : [for b in [2] : [for c in [3] : a + b + c]]]
}
resource "aws_ebs_volume" "v" {
  encrypted = false
  tags      = { deep = jsonencode(local.deep) }
}
"#,
        ),
        (
            "modules/a/main.tf",
            "module \"b\" {\n  source = \"../b\"\n}\n",
        ),
        (
            "modules/b/main.tf",
            "module \"a\" {\n  source = \"../a\"\n}\n",
        ),
        (
            "envs/x/main.tf",
            "module \"a\" {\n  source = \"../../modules/a\"\n}\n",
        ),
    ]);
    let mut opts = options(&dir);
    opts.eval.limits.max_instances_per_resource = 50;
    opts.eval.limits.max_module_depth = 4;
    let r = tfscan::scan(&opts).expect("scan");
    let limits: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.kind == tfscan::diag::DiagKind::Limit)
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        limits.iter().any(|m| m.starts_with(
            "count of aws_sqs_queue.many is 1000000000, over the limit of 50 instances"
        )),
        "{limits:?}"
    );
    // A module that calls itself, directly or through another, is refused at once.
    let cycles: Vec<&str> = r
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("calls itself"))
        .map(|d| d.message.as_str())
        .collect();
    assert!(cycles.contains(&"module.self: module '' calls itself (through the root); Terraform rejects module cycles, so it is not evaluated"), "{cycles:?}");
    assert!(cycles.contains(&"module.a.module.b.module.a: module 'modules/a' calls itself (through envs/x → modules/a → modules/b); Terraform rejects module cycles, so it is not evaluated"), "{cycles:?}");
    // The rest is still scanned: the first 50 queues exist and the unencrypted volume is
    // found.
    assert!(
        r.findings
            .iter()
            .any(|f| f.check.id == "aws-ebs-volume-not-encrypted"
                && &*f.resource.address == "aws_ebs_volume.v")
    );
    assert!(
        r.incomplete(),
        "a hit limit makes the scan incomplete (exit 3 without findings)"
    );

    let mut tight = options(&dir);
    tight.eval.limits.max_expr_depth = 3;
    let (_, d) = model(&tight);
    assert!(
        d.iter().any(|x| x.kind == tfscan::diag::DiagKind::Limit
            && x.message
                .contains("expression nesting deeper than 3 levels")),
        "{d:?}"
    );
}
