//! Inputs of one extreme shape each, for the scale benchmark's growth test
//! (`cargo bench --bench scale -- --shapes`): a size `n` and `4 n` must cost at most
//! five times as much.
//!
//! - `one-file`: one root whose single `main.tf` declares `n` security groups, their
//!   separate rules, subnets, instances and NACLs (the network analysis at its widest).
//! - `many-files`: the same `n` groups in one root, ten groups to a file.
//! - `plan`: a plan (`terraform show -json`, compact as Terraform writes it) with `n`
//!   resource changes, half of them in module instances, with its `configuration`.
//! - `deep-chain`: `n` instances of a chain of [`CHAIN_DEPTH`] nested modules, each
//!   level declaring an open security group.
//! - `wide-for-each`: one root where a group, its rules, instances and a module are each
//!   `for_each` over `n` keys.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// The shapes, by name.
pub const SHAPES: &[&str] = &[
    "one-file",
    "many-files",
    "plan",
    "deep-chain",
    "wide-for-each",
];

/// Levels of the `deep-chain` shape's module chain.
pub const CHAIN_DEPTH: usize = 32;

/// Groups per file in the `many-files` shape.
const GROUPS_PER_FILE: usize = 10;

/// Writes shape `name` of size `n` under `dir` (empty or absent). Returns the files and
/// bytes written.
pub fn generate(name: &str, dir: &Path, n: usize) -> io::Result<(usize, u64)> {
    let mut files: Vec<(String, String)> = Vec::new();
    match name {
        "one-file" => files.push(("main.tf".into(), network(0..n, n) + &vpc())),
        "many-files" => {
            for start in (0..n).step_by(GROUPS_PER_FILE) {
                let end = (start + GROUPS_PER_FILE).min(n);
                files.push((format!("sg-{start:06}.tf"), network(start..end, n)));
            }
            files.push(("vpc.tf".into(), vpc()));
        }
        "plan" => files.push(("plan.json".into(), plan(n))),
        "deep-chain" => files.extend(deep_chain(n)),
        "wide-for-each" => files.extend(wide_for_each(n)),
        other => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("no shape {other}; shapes: {}", SHAPES.join(", ")),
            ));
        }
    }
    let mut bytes = 0u64;
    for (rel, text) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        bytes += text.len() as u64;
        fs::write(path, text)?;
    }
    Ok((files.len(), bytes))
}

/// The path the scan is given for shape `name` generated in `dir`.
pub fn scan_target(name: &str, dir: &Path) -> std::path::PathBuf {
    if name == "plan" {
        dir.join("plan.json")
    } else {
        dir.to_path_buf()
    }
}

/// The VPC, gateway and route table the `network` groups live in.
fn vpc() -> String {
    r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/8"
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}
"#
    .to_string()
}

/// Security groups `range` with an inline ingress and egress rule each, a separate rule
/// that admits the previous group, a `aws_vpc_security_group_ingress_rule`, and every
/// tenth group a public subnet and an instance in it (some with SSH open); every
/// hundredth a NACL; every twentieth rule names its group by a literal id.
fn network(range: std::ops::Range<usize>, total: usize) -> String {
    let mut s = String::new();
    for i in range {
        let (a, b) = ((i / 250) % 250, i % 250);
        let ssh = if i % 10 == 3 {
            "0.0.0.0/0"
        } else {
            "10.20.0.0/16"
        };
        let _ = write!(
            s,
            r#"
resource "aws_security_group" "sg_{i}" {{
  name        = "sg-{i}"
  description = "Group {i}"
  vpc_id      = aws_vpc.main.id

  ingress {{
    description = "HTTPS from the office"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.{a}.{b}.0/24"]
  }}

  ingress {{
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["{ssh}"]
  }}

  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

resource "aws_security_group_rule" "from_previous_{i}" {{
  type                     = "ingress"
  description              = "Postgres from the previous tier"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  security_group_id        = {group}
  source_security_group_id = aws_security_group.sg_{prev}.id
}}

resource "aws_vpc_security_group_ingress_rule" "metrics_{i}" {{
  description       = "Metrics"
  security_group_id = aws_security_group.sg_{i}.id
  ip_protocol       = "tcp"
  from_port         = 9100
  to_port           = 9100
  cidr_ipv4         = "10.{a}.0.0/16"
}}
"#,
            prev = i.saturating_sub(1),
            group = if i % 20 == 7 {
                format!("\"sg-{i:017x}\"")
            } else {
                format!("aws_security_group.sg_{i}.id")
            },
        );
        if i % 10 == 0 {
            let _ = write!(
                s,
                r#"
resource "aws_subnet" "public_{i}" {{
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.{a}.{b}.0/24"
  map_public_ip_on_launch = true
}}

resource "aws_route_table_association" "public_{i}" {{
  subnet_id      = aws_subnet.public_{i}.id
  route_table_id = aws_route_table.public.id
}}

resource "aws_instance" "web_{i}" {{
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public_{i}.id
  vpc_security_group_ids = [aws_security_group.sg_{i}.id, aws_security_group.sg_{next}.id]

  metadata_options {{
    http_tokens = "required"
  }}

  root_block_device {{
    encrypted = true
  }}
}}
"#,
                next = if i + 1 < total { i + 1 } else { 0 },
            );
        }
        if i % 100 == 0 {
            let _ = write!(
                s,
                r#"
resource "aws_network_acl" "acl_{i}" {{
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.public_{i}.id]

  ingress {{
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 443
    to_port    = 443
    cidr_block = "0.0.0.0/0"
  }}

  egress {{
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 1024
    to_port    = 65535
    cidr_block = "0.0.0.0/0"
  }}
}}
"#
            );
        }
    }
    s
}

/// A compact plan of `n` resource changes: security groups, buckets and instances, half
/// of them in instances of a module called with `for_each`.
fn plan(n: usize) -> String {
    let mut planned_root = Vec::new();
    let mut planned_children: Vec<(String, Vec<String>)> = Vec::new();
    let mut changes = Vec::with_capacity(n);
    let keys = n.div_ceil(2).div_ceil(3).max(1);
    for i in 0..n {
        let in_module = i % 2 == 1;
        let j = i / 2;
        let (kind, name) = match i % 3 {
            0 => ("aws_security_group", format!("sg_{j}")),
            1 => ("aws_s3_bucket", format!("bucket_{j}")),
            _ => ("aws_instance", format!("web_{j}")),
        };
        let (module, name) = if in_module {
            (
                format!("module.app[\"k{}\"]", j % keys),
                match i % 3 {
                    0 => "this".to_string(),
                    1 => "data".to_string(),
                    _ => "server".to_string(),
                },
            )
        } else {
            (String::new(), name)
        };
        let address = if module.is_empty() {
            format!("{kind}.{name}")
        } else {
            format!("{module}.{kind}.{name}")
        };
        let (after, unknown) = match kind {
            "aws_security_group" => (
                format!(
                    r#"{{"description":"Managed by Terraform","egress":[{{"cidr_blocks":["0.0.0.0/0"],"description":"","from_port":0,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"-1","security_groups":[],"self":false,"to_port":0}}],"ingress":[{{"cidr_blocks":["{cidr}"],"description":"","from_port":22,"ipv6_cidr_blocks":[],"prefix_list_ids":[],"protocol":"tcp","security_groups":[],"self":false,"to_port":22}}],"name":"{name}-{i}","revoke_rules_on_delete":false,"tags":null,"timeouts":null}}"#,
                    cidr = if i % 7 == 0 { "0.0.0.0/0" } else { "10.1.0.0/16" },
                ),
                r#"{"arn":true,"egress":[{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]}],"id":true,"ingress":[{"cidr_blocks":[false],"ipv6_cidr_blocks":[],"prefix_list_ids":[],"security_groups":[]}],"name_prefix":true,"owner_id":true,"tags_all":true,"vpc_id":true}"#.to_string(),
            ),
            "aws_s3_bucket" => (
                format!(r#"{{"bucket":"bucket-{i}","force_destroy":false,"tags":null}}"#),
                r#"{"acl":true,"arn":true,"id":true,"policy":true,"versioning":true,"tags_all":true}"#.to_string(),
            ),
            _ => (
                format!(
                    r#"{{"ami":"ami-0123456789abcdef0","instance_type":"t3.micro","associate_public_ip_address":{},"metadata_options":[{{"http_tokens":"optional"}}],"tags":null}}"#,
                    i % 5 == 0
                ),
                r#"{"arn":true,"id":true,"private_ip":true,"public_ip":true,"subnet_id":true,"vpc_security_group_ids":true,"metadata_options":[{}]}"#.to_string(),
            ),
        };
        let module_field = if module.is_empty() {
            String::new()
        } else {
            format!(r#""module_address":{},"#, json_str(&module))
        };
        changes.push(format!(
            r#"{{"address":{addr},{module_field}"mode":"managed","type":"{kind}","name":"{name}","provider_name":"registry.terraform.io/hashicorp/aws","change":{{"actions":["create"],"before":null,"after":{after},"after_unknown":{unknown},"before_sensitive":false,"after_sensitive":{{}}}}}}"#,
            addr = json_str(&address),
        ));
        let planned = format!(
            r#"{{"address":{addr},"mode":"managed","type":"{kind}","name":"{name}","provider_name":"registry.terraform.io/hashicorp/aws","schema_version":0,"values":{after},"sensitive_values":{{}}}}"#,
            addr = json_str(&address),
        );
        if module.is_empty() {
            planned_root.push(planned);
        } else {
            match planned_children.iter_mut().find(|(m, _)| *m == module) {
                Some((_, v)) => v.push(planned),
                None => planned_children.push((module, vec![planned])),
            }
        }
    }
    let children: Vec<String> = planned_children
        .iter()
        .map(|(m, r)| {
            format!(
                r#"{{"resources":[{}],"address":{}}}"#,
                r.join(","),
                json_str(m)
            )
        })
        .collect();
    let config_root: Vec<String> = (0..n)
        .step_by(2)
        .map(|i| {
            let j = i / 2;
            let (kind, name) = match i % 3 {
                0 => ("aws_security_group", format!("sg_{j}")),
                1 => ("aws_s3_bucket", format!("bucket_{j}")),
                _ => ("aws_instance", format!("web_{j}")),
            };
            format!(
                r#"{{"address":"{kind}.{name}","mode":"managed","type":"{kind}","name":"{name}","provider_config_key":"aws","expressions":{{"name":{{"constant_value":"{name}"}},"vpc_security_group_ids":{{"references":["aws_security_group.sg_0.id","aws_security_group.sg_0"]}}}},"schema_version":0}}"#
            )
        })
        .collect();
    let config_module = r#"[{"address":"aws_security_group.this","mode":"managed","type":"aws_security_group","name":"this","provider_config_key":"aws","expressions":{"name":{"references":["each.key"]}},"schema_version":1},{"address":"aws_s3_bucket.data","mode":"managed","type":"aws_s3_bucket","name":"data","provider_config_key":"aws","expressions":{"bucket":{"references":["var.name"]}},"schema_version":0},{"address":"aws_instance.server","mode":"managed","type":"aws_instance","name":"server","provider_config_key":"aws","expressions":{"vpc_security_group_ids":{"references":["aws_security_group.this.id","aws_security_group.this"]}},"schema_version":1}]"#;
    format!(
        r#"{{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{{"root_module":{{"resources":[{}],"child_modules":[{}]}}}},"resource_changes":[{}],"configuration":{{"provider_config":{{"aws":{{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}}}},"root_module":{{"resources":[{}],"module_calls":{{"app":{{"source":"./modules/app","for_each_expression":{{"references":["local.keys"]}},"module":{{"resources":{config_module},"outputs":{{"id":{{"expression":{{"references":["aws_security_group.this.id","aws_security_group.this"]}}}}}}}}}}}}}}}}}}"#,
        planned_root.join(","),
        children.join(","),
        changes.join(","),
        config_root.join(","),
    )
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A root calling a chain of [`CHAIN_DEPTH`] modules `n` times (`for_each`); every level
/// declares a security group with SSH open to the internet.
fn deep_chain(n: usize) -> Vec<(String, String)> {
    let mut files = vec![(
        "main.tf".to_string(),
        format!(
            r#"module "chain" {{
  source   = "./modules/level-0"
  for_each = toset([for i in range({n}) : "k${{i}}"])

  key = each.key
}}
"#
        ),
    )];
    for level in 0..CHAIN_DEPTH {
        let mut text = format!(
            r#"variable "key" {{
  type = string
}}

resource "aws_security_group" "open" {{
  name        = "level-{level}-${{var.key}}"
  description = "Level {level}"

  ingress {{
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
"#
        );
        if level + 1 < CHAIN_DEPTH {
            let _ = write!(
                text,
                r#"
module "next" {{
  source = "../level-{next}"

  key = var.key
}}
"#,
                next = level + 1
            );
        }
        files.push((format!("modules/level-{level}/main.tf"), text));
    }
    files
}

/// A root whose groups, rules, instances and module calls are each `for_each` over `n`
/// keys.
fn wide_for_each(n: usize) -> Vec<(String, String)> {
    // Written out: Terraform's range() stops at 1024 values.
    let names: Vec<String> = (0..n).map(|i| format!("\"svc-{i:06}\"")).collect();
    let main = format!(
        r#"locals {{
  names = toset([{names}])
}}

resource "aws_vpc" "main" {{
  cidr_block = "10.0.0.0/8"
}}

resource "aws_subnet" "public" {{
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.1.0.0/16"
  map_public_ip_on_launch = true
}}

resource "aws_security_group" "svc" {{
  for_each    = local.names
  name        = each.key
  description = "Service ${{each.key}}"
  vpc_id      = aws_vpc.main.id

  ingress {{
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }}
}}

resource "aws_security_group_rule" "ssh" {{
  for_each          = aws_security_group.svc
  type              = "ingress"
  description       = "SSH"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = each.value.id
}}

resource "aws_instance" "svc" {{
  for_each               = local.names
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.public.id
  vpc_security_group_ids = [aws_security_group.svc[each.key].id]

  metadata_options {{
    http_tokens = "required"
  }}

  root_block_device {{
    encrypted = true
  }}
}}

module "bucket" {{
  source   = "./modules/bucket"
  for_each = local.names

  name = each.key
}}
"#,
        names = names.join(", ")
    );
    let module = r#"variable "name" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = "data-${var.name}"
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#;
    vec![
        ("main.tf".to_string(), main),
        ("modules/bucket/main.tf".to_string(), module.to_string()),
    ]
}
