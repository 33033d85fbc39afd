variable "cidr" {}
variable "admin" {}
variable "subnets" {
  type = number
}

locals {
  name = "net-${var.cidr}"
}

resource "aws_vpc" "this" {
  cidr_block = var.cidr
  tags = {
    Name = local.name
  }
}

resource "aws_subnet" "this" {
  count                   = var.subnets
  vpc_id                  = aws_vpc.this.id
  cidr_block              = cidrsubnet(var.cidr, 8, count.index)
  map_public_ip_on_launch = true
}

data "aws_iam_policy_document" "flow" {
  statement {
    actions   = ["logs:*"]
    resources = ["*"]
  }
}

resource "aws_flow_log" "this" {
  vpc_id       = aws_vpc.this.id
  traffic_type = "ALL"
  log_destination_type = unknownfunc(aws_vpc.this.arn)
}

# An error whose message names each instance's address.
resource "aws_eip" "bad" {
  for_each = 3
}

module "sg" {
  source = "../sg"
  vpc_id = aws_vpc.this.id
  admin  = var.admin
}

output "vpc_id" {
  value = aws_vpc.this.id
}

output "sg_id" {
  value = module.sg.id
}

output "admin" {
  value = var.admin
}

output "policy" {
  value = data.aws_iam_policy_document.flow.json
}
