locals {
  retention_days = 0
}

# Left out: RDS keeps backups for a single day.
resource "aws_db_instance" "defaulted" { # expect: aws-rds-backup-retention-too-short
  identifier                          = "defaulted"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  multi_az                            = true
}

# Backups turned off through a local.
resource "aws_db_instance" "disabled" {
  identifier                          = "disabled"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period             = local.retention_days # expect: aws-rds-backup-retention-too-short
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  multi_az                            = true
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "aurora"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.2"
  master_username                     = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period             = 3 # expect: aws-rds-backup-retention-too-short
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}

# Null leaves an argument out, as if it were not written: a module's optional
# replicate_source_db passed as null makes a primary, and a null retention is the
# one-day default.
variable "replicate_source_db" {
  type    = string
  default = null
}

resource "aws_db_instance" "null_source" {
  identifier                          = "null-source"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  replicate_source_db                 = var.replicate_source_db
  backup_retention_period             = null # expect: aws-rds-backup-retention-too-short
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  multi_az                            = true
}
