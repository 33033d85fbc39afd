resource "aws_db_instance" "app" {
  identifier                          = "app"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period             = 14
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
  backup_retention_period             = 14
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}

# SQL Server does not support IAM database authentication.
resource "aws_db_instance" "sqlserver" {
  identifier                  = "sqlserver"
  engine                      = "sqlserver-se"
  engine_version              = "15.00.4365.2.v1"
  instance_class              = "db.m5.large"
  allocated_storage           = 50
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period     = 14
  deletion_protection         = true
  multi_az                    = true
  license_model               = "license-included"
}

# An instance without engine inherits its source's, here a snapshot of unknown engine:
# only a cluster defaults to one (Aurora).
resource "aws_db_instance" "restored" {
  identifier              = "restored"
  instance_class          = "db.m5.large"
  snapshot_identifier     = "arn:aws:rds:eu-west-1:111122223333:snapshot:nightly"
  storage_encrypted       = true
  kms_key_id              = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  deletion_protection     = true
  multi_az                = true
  backup_retention_period = 14
}
