# A small web application: a VPC with public and private subnets, a web server in the
# public subnet, a PostgreSQL database in the private ones, an S3 bucket for uploads
# and an audit trail. It has a handful of real problems for tfscan to find.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  name = "shop-${terraform.workspace}"
  azs  = ["${var.region}a", "${var.region}b"]
  tags = {
    Project = "shop"
    Env     = terraform.workspace
  }
}

resource "aws_vpc" "main" { # expect: aws-vpc-default-sg-has-rules, aws-vpc-flow-logs-disabled
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  tags                 = merge(local.tags, { Name = local.name })
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public" {
  count                   = length(local.azs)
  vpc_id                  = aws_vpc.main.id
  availability_zone       = local.azs[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, count.index)
  map_public_ip_on_launch = true # expect: aws-vpc-subnet-auto-assigns-public-ip
}

resource "aws_subnet" "private" {
  count             = length(local.azs)
  vpc_id            = aws_vpc.main.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 10)
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "public" {
  count          = length(local.azs)
  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

module "web_sg" {
  source      = "./modules/web_sg"
  name        = "${local.name}-web"
  vpc_id      = aws_vpc.main.id
  admin_cidrs = var.admin_cidrs
}

resource "aws_instance" "web" { # expect: aws-vpc-resource-internet-reachable, aws-ec2-instance-imdsv1-allowed
  ami                    = var.web_ami
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.public[0].id
  vpc_security_group_ids = [module.web_sg.id]

  root_block_device {
    encrypted = true
  }
}
