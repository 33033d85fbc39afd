variable "public" {
  type    = bool
  default = true
}

resource "aws_db_instance" "reporting" {
  identifier                          = "reporting"
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
  publicly_accessible                 = true # expect: aws-rds-publicly-accessible
}

resource "aws_rds_cluster_instance" "reader" {
  identifier          = "reader"
  cluster_identifier  = "app"
  instance_class      = "db.r6g.large"
  engine              = "aurora-postgresql"
  publicly_accessible = var.public # expect: aws-rds-publicly-accessible
}
