variable "multi_az" {
  type    = bool
  default = false
}

resource "aws_db_instance" "defaulted" { # expect: aws-rds-instance-not-multi-az
  identifier                          = "defaulted"
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
}

resource "aws_db_instance" "from_variable" {
  identifier                          = "from-variable"
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
  multi_az                            = var.multi_az # expect: aws-rds-instance-not-multi-az
}
