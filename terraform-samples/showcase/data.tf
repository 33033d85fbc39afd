resource "aws_security_group" "db" {
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

resource "aws_db_instance" "main" {
  identifier             = local.name
  engine                 = "postgres"
  engine_version         = "16.3"
  instance_class         = "db.t3.medium"
  allocated_storage      = 50
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.db.id]
  username               = "shop"
  manage_master_user_password = true
  storage_encrypted      = var.encrypt_database # expect: aws-rds-storage-not-encrypted
}

resource "aws_s3_bucket" "uploads" { # expect: aws-s3-bucket-encryption-disabled
  bucket = "${local.name}-uploads"
}

resource "aws_s3_bucket" "trail" {
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

resource "aws_cloudtrail" "audit" { # expect: aws-cloudtrail-log-validation-disabled
  name                          = "${local.name}-audit"
  s3_bucket_name                = aws_s3_bucket.trail.id
  is_multi_region_trail         = true
  include_global_service_events = true
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = local.azs[0]
  size              = 100
  encrypted         = true
}
