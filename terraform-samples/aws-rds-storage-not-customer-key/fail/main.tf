variable "rds_key" {
  type    = string
  default = "alias/aws/rds"
}

# No key given: RDS uses aws/rds.
resource "aws_db_instance" "defaulted" { # expect: aws-rds-storage-not-customer-key
  identifier                          = "defaulted"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
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
  kms_key_id                          = var.rds_key # expect: aws-rds-storage-not-customer-key
  backup_retention_period             = 14
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}
