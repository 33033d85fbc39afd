variable "iam_auth" {
  type    = bool
  default = false
}

resource "aws_db_instance" "defaulted" { # expect: aws-rds-iam-auth-disabled
  identifier                  = "defaulted"
  engine                      = "mysql"
  engine_version              = "8.0.36"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period     = 14
  deletion_protection         = true
  multi_az                    = true
}

resource "aws_db_instance" "explicit" {
  identifier                          = "explicit"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period             = 14
  iam_database_authentication_enabled = false # expect: aws-rds-iam-auth-disabled
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
  iam_database_authentication_enabled = var.iam_auth # expect: aws-rds-iam-auth-disabled
  deletion_protection                 = true
}

# A cluster without engine is Aurora MySQL, which supports IAM authentication.
resource "aws_rds_cluster" "default_engine" { # expect: aws-rds-iam-auth-disabled
  cluster_identifier          = "default-engine"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period     = 14
  deletion_protection         = true
}
