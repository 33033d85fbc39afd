//! A generator of realistic Terraform trees for the scale benchmark.
//!
//! The tree is what a platform team's repository looks like: shared local modules
//! (network, data stores, IAM, serverless, EKS, monitoring) called from many root stacks
//! with `for_each` and `count`, each stack with its variables, tfvars, locals, functions
//! and a handful of resources written directly. Every stack's values depend on its
//! index, so the corpus has a deterministic mix of good and deliberately bad values
//! (open security groups, unencrypted stores, wildcard policies, public endpoints).

use std::fs;
use std::io;
use std::path::Path;

/// Files in one stack (see [`stack`]).
const STACK_FILES: usize = 10;

/// Writes a corpus of about `files` files under `dir` (which must be empty or absent)
/// and returns the number of files and bytes written. With `accounts` > 0, each stack
/// also lays the same network and monitoring baseline into that many accounts
/// (`fleet.tf`: two `for_each` module calls whose instances all receive the same
/// inputs, the case module reuse is for).
pub fn generate(dir: &Path, files: usize, accounts: usize) -> io::Result<(usize, u64)> {
    let mut written = (0usize, 0u64);
    let mut put = |rel: String, text: String| -> io::Result<()> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        written.0 += 1;
        written.1 += text.len() as u64;
        fs::write(path, text)
    };
    for (name, module_files) in modules() {
        for (file, text) in module_files {
            put(format!("modules/{name}/{file}"), text.to_string())?;
        }
    }
    let module_count = modules().iter().map(|(_, f)| f.len()).sum::<usize>();
    let stacks = files
        .saturating_sub(module_count)
        .div_ceil(STACK_FILES)
        .max(1);
    for i in 0..stacks {
        for (file, text) in stack(i) {
            put(format!("stacks/stack-{i:05}/{file}"), text)?;
        }
        if accounts > 0 {
            put(format!("stacks/stack-{i:05}/fleet.tf"), fleet(accounts))?;
        }
    }
    Ok(written)
}

/// A deterministic choice in `0..n` for stack `i` and purpose `salt`.
fn pick(i: usize, salt: u64, n: usize) -> usize {
    let mut x =
        (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    (x % n as u64) as usize
}

/// One root stack: about [`STACK_FILES`] files, 3–4 KB each on average.
fn stack(i: usize) -> Vec<(&'static str, String)> {
    let team = [
        "payments", "search", "identity", "ledger", "media", "growth",
    ][pick(i, 1, 6)];
    let region = ["eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"][pick(i, 2, 4)];
    let octet = i % 250;
    let bad = |salt: u64| pick(i, salt, 5) == 0;
    let admin_cidr = if bad(3) { "0.0.0.0/0" } else { "10.20.0.0/16" };
    let db_public = bad(4);
    let encrypted = !bad(5);
    let policy_action = if bad(6) { "*" } else { "s3:GetObject" };
    let envs = if pick(i, 7, 3) == 0 {
        r#"["prod"]"#
    } else {
        r#"["dev", "staging", "prod"]"#
    };

    let mut files = Vec::with_capacity(STACK_FILES);
    files.push((
        "versions.tf",
        format!(
            r#"terraform {{
  required_version = ">= 1.5.0"

  required_providers {{
    aws = {{
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }}
  }}

  backend "s3" {{
    bucket         = "{team}-terraform-state"
    key            = "stacks/{i}/terraform.tfstate"
    region         = "{region}"
    dynamodb_table = "{team}-terraform-locks"
    encrypt        = true
  }}
}}

provider "aws" {{
  region = var.region

  default_tags {{
    tags = {{
      Team       = var.team
      Stack      = "stack-{i}"
      ManagedBy  = "terraform"
      CostCentre = "cc-{cost}"
    }}
  }}
}}
"#,
            cost = 1000 + pick(i, 8, 9000)
        ),
    ));
    files.push((
        "variables.tf",
        format!(
            r#"variable "region" {{
  description = "AWS region of the stack."
  type        = string
  default     = "{region}"
}}

variable "team" {{
  description = "Owning team; prefixes every name."
  type        = string
}}

variable "environments" {{
  description = "Environments deployed by this stack."
  type        = list(string)
  default     = {envs}
}}

variable "vpc_cidr" {{
  description = "Address space of the stack's VPC."
  type        = string
  default     = "10.{octet}.0.0/16"
}}

variable "admin_cidrs" {{
  description = "Where administrators connect from."
  type        = list(string)
  default     = ["{admin_cidr}"]
}}

variable "app_ports" {{
  description = "Ports the application listens on."
  type        = list(number)
  default     = [8080, 8443]
}}

variable "instance_type" {{
  description = "EC2 instance type of the application hosts."
  type        = string
  default     = "t3.medium"

  validation {{
    condition     = can(regex("^[a-z][0-9][a-z]?\\.", var.instance_type))
    error_message = "The instance type must look like t3.medium."
  }}
}}

variable "database" {{
  description = "Database settings."
  type = object({{
    engine         = string
    instance_class = optional(string, "db.t3.medium")
    storage_gb     = optional(number, 50)
    public         = optional(bool, false)
  }})
}}

variable "log_retention_days" {{
  description = "Retention of every log group."
  type        = number
  default     = {retention}
}}
"#,
            retention = [0, 30, 90, 365][pick(i, 9, 4)]
        ),
    ));
    files.push((
        "terraform.tfvars",
        format!(
            r#"team = "{team}"

database = {{
  engine     = "{engine}"
  storage_gb = {storage}
  public     = {db_public}
}}
"#,
            engine = ["postgres", "mysql"][pick(i, 10, 2)],
            storage = 20 + pick(i, 11, 200),
        ),
    ));
    files.push((
        "locals.tf",
        format!(
            r#"locals {{
  name_prefix = "${{var.team}}-{i}"
  azs         = ["${{var.region}}a", "${{var.region}}b", "${{var.region}}c"]

  public_subnets  = [for n in range(3) : cidrsubnet(var.vpc_cidr, 8, n)]
  private_subnets = [for n in range(3) : cidrsubnet(var.vpc_cidr, 8, n + 10)]

  environments = {{ for env in var.environments : env => {{
    name     = "${{local.name_prefix}}-${{env}}"
    critical = env == "prod"
    capacity = env == "prod" ? 3 : 1
  }} }}

  common_tags = merge(
    {{
      Team  = var.team
      Stack = "stack-{i}"
    }},
    {{ for k, v in local.environments : "env:${{k}}" => v.name }}
  )

  ingress_rules = concat(
    [for p in var.app_ports : {{ port = p, cidrs = [var.vpc_cidr], note = "application" }}],
    [{{ port = 22, cidrs = var.admin_cidrs, note = "administration" }}],
  )
}}
"#
        ),
    ));
    files.push((
        "network.tf",
        r#"module "network" {
  source = "../../modules/network"

  name            = local.name_prefix
  cidr            = var.vpc_cidr
  azs             = local.azs
  public_subnets  = local.public_subnets
  private_subnets = local.private_subnets
  ingress_rules   = local.ingress_rules
  flow_logs       = length(var.environments) > 1
  tags            = local.common_tags
}

resource "aws_security_group" "bastion" {
  name        = "${local.name_prefix}-bastion"
  description = "Bastion hosts"
  vpc_id      = module.network.vpc_id

  ingress {
    description = "SSH from administrators"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs
  }

  egress {
    description = "Anywhere inside the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [var.vpc_cidr]
  }

  tags = local.common_tags
}

resource "aws_instance" "bastion" {
  ami                         = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  subnet_id                   = module.network.public_subnet_ids[0]
  vpc_security_group_ids      = [aws_security_group.bastion.id]
  associate_public_ip_address = true

  metadata_options {
    http_tokens   = "required"
    http_endpoint = "enabled"
  }

  root_block_device {
    encrypted   = true
    volume_size = 20
  }

  tags = merge(local.common_tags, { Name = "${local.name_prefix}-bastion" })
}
"#
        .to_string(),
    ));
    files.push((
        "data.tf",
        format!(
            r#"module "store" {{
  source   = "../../modules/data"
  for_each = local.environments

  name           = each.value.name
  encrypted      = {encrypted}
  engine         = var.database.engine
  instance_class = var.database.instance_class
  storage_gb     = var.database.storage_gb
  public         = var.database.public
  subnet_ids     = module.network.private_subnet_ids
  vpc_id         = module.network.vpc_id
  multi_az       = each.value.critical
  tags           = local.common_tags
}}

resource "aws_s3_bucket" "artifacts" {{
  bucket = "${{local.name_prefix}}-artifacts"
  tags   = local.common_tags
}}

resource "aws_s3_bucket_versioning" "artifacts" {{
  bucket = aws_s3_bucket.artifacts.id

  versioning_configuration {{
    status = "{versioning}"
  }}
}}

resource "aws_s3_bucket_public_access_block" "artifacts" {{
  bucket                  = aws_s3_bucket.artifacts.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}}

resource "aws_dynamodb_table" "sessions" {{
  name         = "${{local.name_prefix}}-sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {{
    name = "id"
    type = "S"
  }}

  point_in_time_recovery {{
    enabled = {pitr}
  }}

  tags = local.common_tags
}}
"#,
            versioning = if bad(12) { "Suspended" } else { "Enabled" },
            pitr = !bad(13),
        ),
    ));
    files.push((
        "iam.tf",
        format!(
            r#"module "service_role" {{
  source = "../../modules/iam"
  count  = length(var.environments)

  name    = "${{local.name_prefix}}-${{var.environments[count.index]}}-service"
  service = "ecs-tasks.amazonaws.com"
  actions = ["{policy_action}", "s3:ListBucket"]
  buckets = [aws_s3_bucket.artifacts.arn]
  tags    = local.common_tags
}}

data "aws_iam_policy_document" "deploy" {{
  statement {{
    sid       = "Deploy"
    effect    = "Allow"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices"]
    resources = ["arn:aws:ecs:${{var.region}}:123456789012:service/${{local.name_prefix}}/*"]
  }}

  statement {{
    sid       = "PassRole"
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = [for r in module.service_role : r.arn]
  }}
}}

resource "aws_iam_policy" "deploy" {{
  name   = "${{local.name_prefix}}-deploy"
  policy = data.aws_iam_policy_document.deploy.json
}}
"#
        ),
    ));
    files.push((
        "serverless.tf",
        format!(
            r#"module "api" {{
  source   = "../../modules/serverless"
  for_each = {{ for k, v in local.environments : k => v if v.critical }}

  name        = each.value.name
  runtime     = "{runtime}"
  tracing     = {tracing}
  subnet_ids  = module.network.private_subnet_ids
  vpc_id      = module.network.vpc_id
  retention   = var.log_retention_days
  tags        = local.common_tags
}}
"#,
            runtime = ["python3.12", "nodejs20.x", "python3.7", "java21"][pick(i, 14, 4)],
            tracing = !bad(15),
        ),
    ));
    files.push((
        "platform.tf",
        format!(
            r#"module "eks" {{
  source = "../../modules/eks"
  count  = {eks_count}

  name            = local.name_prefix
  subnet_ids      = module.network.private_subnet_ids
  public_endpoint = {eks_public}
  public_cidrs    = {eks_cidrs}
  tags            = local.common_tags
}}

module "monitoring" {{
  source = "../../modules/monitoring"

  name      = local.name_prefix
  retention = var.log_retention_days
  multi     = {multi}
  tags      = local.common_tags
}}
"#,
            eks_count = usize::from(pick(i, 16, 3) == 0),
            eks_public = bad(17),
            eks_cidrs = if bad(18) {
                r#"["0.0.0.0/0"]"#
            } else {
                r#"["203.0.113.0/24"]"#
            },
            multi = !bad(19),
        ),
    ));
    files.push((
        "outputs.tf",
        r#"output "vpc_id" {
  description = "The stack's VPC."
  value       = module.network.vpc_id
}

output "database_endpoints" {
  description = "Endpoint of each environment's database."
  value       = { for k, m in module.store : k => m.endpoint }
}

output "role_arns" {
  description = "Service roles, one per environment."
  value       = module.service_role[*].arn
}

output "bastion_address" {
  description = "Where to SSH."
  value       = aws_instance.bastion.public_ip
}
"#
        .to_string(),
    ));
    debug_assert_eq!(files.len(), STACK_FILES);
    files
}

/// A baseline every account of a stack gets: the same network and monitoring.
fn fleet(accounts: usize) -> String {
    let names: Vec<String> = (0..accounts).map(|a| format!("\"account-{a}\"")).collect();
    format!(
        r#"module "baseline_network" {{
  source   = "../../modules/network"
  for_each = toset([{names}])

  name            = "${{local.name_prefix}}-baseline"
  cidr            = "10.200.0.0/16"
  azs             = local.azs
  public_subnets  = ["10.200.0.0/24", "10.200.1.0/24"]
  private_subnets = ["10.200.10.0/24", "10.200.11.0/24"]
  ingress_rules   = local.ingress_rules
  flow_logs       = true
  tags            = local.common_tags
}}

module "baseline_monitoring" {{
  source   = "../../modules/monitoring"
  for_each = toset([{names}])

  name      = "${{local.name_prefix}}-baseline"
  retention = 365
  multi     = true
  tags      = local.common_tags
}}
"#,
        names = names.join(", ")
    )
}

/// The shared modules every stack calls.
fn modules() -> [(&'static str, Vec<(&'static str, &'static str)>); 6] {
    [
        (
            "network",
            vec![
                ("variables.tf", NETWORK_VARIABLES),
                ("main.tf", NETWORK_MAIN),
                ("outputs.tf", NETWORK_OUTPUTS),
            ],
        ),
        (
            "data",
            vec![
                ("variables.tf", DATA_VARIABLES),
                ("main.tf", DATA_MAIN),
                ("outputs.tf", DATA_OUTPUTS),
            ],
        ),
        (
            "iam",
            vec![
                ("variables.tf", IAM_VARIABLES),
                ("main.tf", IAM_MAIN),
                ("outputs.tf", IAM_OUTPUTS),
            ],
        ),
        (
            "serverless",
            vec![
                ("variables.tf", SERVERLESS_VARIABLES),
                ("main.tf", SERVERLESS_MAIN),
            ],
        ),
        (
            "eks",
            vec![("variables.tf", EKS_VARIABLES), ("main.tf", EKS_MAIN)],
        ),
        (
            "monitoring",
            vec![
                ("variables.tf", MONITORING_VARIABLES),
                ("main.tf", MONITORING_MAIN),
            ],
        ),
    ]
}

const NETWORK_VARIABLES: &str = r#"variable "name" { type = string }
variable "cidr" { type = string }
variable "azs" { type = list(string) }
variable "public_subnets" { type = list(string) }
variable "private_subnets" { type = list(string) }
variable "flow_logs" {
  type    = bool
  default = true
}
variable "ingress_rules" {
  type = list(object({
    port  = number
    cidrs = list(string)
    note  = string
  }))
}
variable "tags" {
  type    = map(string)
  default = {}
}
"#;

const NETWORK_MAIN: &str = r#"resource "aws_vpc" "this" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = merge(var.tags, { Name = var.name })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = var.tags
}

resource "aws_subnet" "public" {
  count                   = length(var.public_subnets)
  vpc_id                  = aws_vpc.this.id
  cidr_block              = var.public_subnets[count.index]
  availability_zone       = element(var.azs, count.index)
  map_public_ip_on_launch = true
  tags                    = merge(var.tags, { Name = "${var.name}-public-${count.index}" })
}

resource "aws_subnet" "private" {
  count             = length(var.private_subnets)
  vpc_id            = aws_vpc.this.id
  cidr_block        = var.private_subnets[count.index]
  availability_zone = element(var.azs, count.index)
  tags              = merge(var.tags, { Name = "${var.name}-private-${count.index}" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }

  tags = var.tags
}

resource "aws_route_table_association" "public" {
  count          = length(aws_subnet.public)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_network_acl" "public" {
  vpc_id     = aws_vpc.this.id
  subnet_ids = aws_subnet.public[*].id

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 3389
    to_port    = 3389
  }

  ingress {
    rule_no    = 200
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  egress {
    rule_no    = 100
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  tags = var.tags
}

resource "aws_security_group" "app" {
  name        = "${var.name}-app"
  description = "Application hosts"
  vpc_id      = aws_vpc.this.id

  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      description = ingress.value.note
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }

  egress {
    description = "HTTPS out"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = var.tags
}

resource "aws_flow_log" "this" {
  count                = var.flow_logs ? 1 : 0
  vpc_id               = aws_vpc.this.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::${var.name}-flow-logs"
}
"#;

const NETWORK_OUTPUTS: &str = r#"output "vpc_id" { value = aws_vpc.this.id }
output "public_subnet_ids" { value = aws_subnet.public[*].id }
output "private_subnet_ids" { value = aws_subnet.private[*].id }
output "app_security_group_id" { value = aws_security_group.app.id }
"#;

const DATA_VARIABLES: &str = r#"variable "name" { type = string }
variable "encrypted" { type = bool }
variable "engine" { type = string }
variable "instance_class" { type = string }
variable "storage_gb" { type = number }
variable "public" { type = bool }
variable "multi_az" { type = bool }
variable "subnet_ids" { type = list(string) }
variable "vpc_id" { type = string }
variable "tags" {
  type    = map(string)
  default = {}
}
"#;

const DATA_MAIN: &str = r#"locals {
  port = var.engine == "postgres" ? 5432 : 3306
  family = lookup({ postgres = "postgres16", mysql = "mysql8.0" }, var.engine, "postgres16")
}

resource "aws_kms_key" "this" {
  description             = "${var.name} data"
  enable_key_rotation     = var.encrypted
  deletion_window_in_days = 30
  tags                    = var.tags
}

resource "aws_s3_bucket" "data" {
  bucket = "${var.name}-data"
  tags   = var.tags
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  count  = var.encrypted ? 1 : 0
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "Database"
  vpc_id      = var.vpc_id

  ingress {
    description = "Database clients"
    from_port   = local.port
    to_port     = local.port
    protocol    = "tcp"
    cidr_blocks = var.public ? ["0.0.0.0/0"] : ["10.0.0.0/8"]
  }
}

resource "aws_db_instance" "this" {
  identifier                          = var.name
  engine                              = var.engine
  instance_class                      = var.instance_class
  allocated_storage                   = var.storage_gb
  storage_encrypted                   = var.encrypted
  kms_key_id                          = var.encrypted ? aws_kms_key.this.arn : null
  publicly_accessible                 = var.public
  multi_az                            = var.multi_az
  db_subnet_group_name                = aws_db_subnet_group.this.name
  vpc_security_group_ids              = [aws_security_group.db.id]
  backup_retention_period             = var.multi_az ? 14 : 1
  deletion_protection                 = var.multi_az
  iam_database_authentication_enabled = true
  performance_insights_enabled        = var.multi_az
  username                            = "admin"
  manage_master_user_password         = true
  skip_final_snapshot                 = !var.multi_az
  tags                                = var.tags
}
"#;

const DATA_OUTPUTS: &str = r#"output "endpoint" { value = aws_db_instance.this.endpoint }
output "bucket" { value = aws_s3_bucket.data.bucket }
"#;

const IAM_VARIABLES: &str = r#"variable "name" { type = string }
variable "service" { type = string }
variable "actions" { type = list(string) }
variable "buckets" { type = list(string) }
variable "tags" {
  type    = map(string)
  default = {}
}
"#;

const IAM_MAIN: &str = r#"data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = [var.service]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.name
  assume_role_policy = data.aws_iam_policy_document.trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "this" {
  name = "${var.name}-access"
  role = aws_iam_role.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.actions
      Resource = flatten([for b in var.buckets : [b, "${b}/*"]])
    }]
  })
}
"#;

const IAM_OUTPUTS: &str = r#"output "arn" { value = aws_iam_role.this.arn }
"#;

const SERVERLESS_VARIABLES: &str = r#"variable "name" { type = string }
variable "runtime" { type = string }
variable "tracing" { type = bool }
variable "subnet_ids" { type = list(string) }
variable "vpc_id" { type = string }
variable "retention" { type = number }
variable "tags" {
  type    = map(string)
  default = {}
}
"#;

const SERVERLESS_MAIN: &str = r#"resource "aws_security_group" "lambda" {
  name        = "${var.name}-lambda"
  description = "API handler"
  vpc_id      = var.vpc_id

  egress {
    description = "HTTPS out"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_iam_role" "lambda" {
  name = "${var.name}-lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_lambda_function" "api" {
  function_name = "${var.name}-api"
  role          = aws_iam_role.lambda.arn
  handler       = "app.handler"
  runtime       = var.runtime
  filename      = "build/api.zip"
  timeout       = 10

  environment {
    variables = {
      STAGE     = var.name
      LOG_LEVEL = "info"
    }
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.lambda.id]
  }

  tracing_config {
    mode = var.tracing ? "Active" : "PassThrough"
  }

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/${aws_lambda_function.api.function_name}"
  retention_in_days = var.retention
}

resource "aws_api_gateway_rest_api" "api" {
  name = var.name

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "live" {
  stage_name           = "live"
  rest_api_id          = aws_api_gateway_rest_api.api.id
  deployment_id        = "abc123"
  xray_tracing_enabled = var.tracing
}
"#;

const EKS_VARIABLES: &str = r#"variable "name" { type = string }
variable "subnet_ids" { type = list(string) }
variable "public_endpoint" { type = bool }
variable "public_cidrs" { type = list(string) }
variable "tags" {
  type    = map(string)
  default = {}
}
"#;

const EKS_MAIN: &str = r#"resource "aws_iam_role" "cluster" {
  name = "${var.name}-eks"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "eks.amazonaws.com" }
    }]
  })
}

resource "aws_eks_cluster" "this" {
  name     = var.name
  role_arn = aws_iam_role.cluster.arn
  version  = "1.31"

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_public_access  = var.public_endpoint
    endpoint_private_access = true
    public_access_cidrs     = var.public_cidrs
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:123456789012:key/abcd"
    }
  }

  tags = var.tags
}

resource "aws_eks_node_group" "default" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "default"
  node_role_arn   = aws_iam_role.cluster.arn
  subnet_ids      = var.subnet_ids

  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1
  }
}
"#;

const MONITORING_VARIABLES: &str = r#"variable "name" { type = string }
variable "retention" { type = number }
variable "multi" { type = bool }
variable "tags" {
  type    = map(string)
  default = {}
}
"#;

const MONITORING_MAIN: &str = r#"resource "aws_s3_bucket" "trail" {
  bucket = "${var.name}-trail"
  tags   = var.tags
}

resource "aws_cloudtrail" "this" {
  name                          = var.name
  s3_bucket_name                = aws_s3_bucket.trail.id
  is_multi_region_trail         = var.multi
  include_global_service_events = true
  enable_log_file_validation    = var.multi
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/trail/${var.name}"
  retention_in_days = var.retention
}

resource "aws_guardduty_detector" "this" {
  enable = var.multi
}

resource "aws_sns_topic" "alerts" {
  name = "${var.name}-alerts"
}
"#;
