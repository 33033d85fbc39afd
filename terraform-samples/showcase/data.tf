resource "aws_security_group" "db" { # expect: aws-vpc-sg-no-description
  name   = "${local.name}-db"
  vpc_id = aws_vpc.main.id

  ingress {
    description     = "PostgreSQL from the web tier"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [module.web_sg.id]
  }
}

resource "aws_db_subnet_group" "main" {
  name       = local.name
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_db_instance" "main" { # expect: aws-rds-backup-retention-too-short, aws-rds-deletion-protection-disabled, aws-rds-iam-auth-disabled, aws-rds-instance-not-multi-az
  identifier             = local.name
  engine                 = "postgres"
  engine_version         = "16.3"
  instance_class         = "db.t3.medium"
  allocated_storage      = 50
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  username               = "shop"
  manage_master_user_password = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  storage_encrypted      = var.encrypt_database # expect: aws-rds-storage-not-encrypted
}

resource "aws_s3_bucket" "uploads" { # expect: aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket = "${local.name}-uploads"
}

# Access to uploaded files is logged into the audit bucket.
resource "aws_s3_bucket_logging" "uploads" {
  bucket        = aws_s3_bucket.uploads.id
  target_bucket = aws_s3_bucket.trail.id
  target_prefix = "access-logs/uploads/"
}

resource "aws_s3_bucket" "trail" { # expect: aws-s3-bucket-encryption-not-customer-key, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket = "${local.name}-trail"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.trail.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_cloudtrail" "audit" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-s3-data-events
  name                          = "${local.name}-audit"
  s3_bucket_name                = aws_s3_bucket.trail.id # expect: aws-cloudtrail-bucket-access-logging-disabled
  is_multi_region_trail         = true
  include_global_service_events = true
  kms_key_id                    = var.audit_kms_key_arn
  cloud_watch_logs_group_arn    = "${var.audit_log_group_arn}:*"
  cloud_watch_logs_role_arn     = var.audit_delivery_role_arn
}

resource "aws_ebs_volume" "scratch" { # expect: aws-ebs-volume-not-customer-key
  availability_zone = local.azs[0]
  size              = 100
  encrypted         = true
}
