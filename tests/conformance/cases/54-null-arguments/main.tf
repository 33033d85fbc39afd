# An argument set to null is left out: the provider's default applies. A reference to it
# is null when the argument is plain optional (replicate_source_db) and known only after
# apply when the provider computes it (a VPC's cidr_block from an IPAM pool).
variable "source_db" {
  type    = string
  default = null
}

resource "aws_db_instance" "primary" {
  identifier              = "primary"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  backup_retention_period = null
  replicate_source_db     = var.source_db
  kms_key_id              = null
}

resource "aws_vpc" "pooled" {
  cidr_block          = null
  ipv4_ipam_pool_id   = "ipam-pool-0123456789abcdef0"
  ipv4_netmask_length = 24
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {
    http_tokens   = null
    http_endpoint = "enabled"
  }
  dynamic "ebs_block_device" {
    for_each = [{ device = "/dev/sdf", type = null }]
    content {
      device_name = ebs_block_device.value.device
      volume_type = ebs_block_device.value.type
      volume_size = 10
    }
  }
}

resource "aws_sqs_queue" "q" {
  name              = "null-arguments"
  kms_master_key_id = null
  delay_seconds     = aws_vpc.pooled.cidr_block == null ? 1 : 2
  tags = {
    source = coalesce(aws_db_instance.primary.replicate_source_db, "none")
  }
}
