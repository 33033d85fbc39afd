resource "aws_db_instance" "encrypted" { # expect: aws-rds-backup-retention-too-short, aws-rds-deletion-protection-disabled, aws-rds-iam-auth-disabled, aws-rds-instance-not-multi-az, aws-rds-log-exports-disabled, aws-rds-storage-not-customer-key
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

# Aurora Serverless v1 is always encrypted.
resource "aws_rds_cluster" "serverless" { # expect: aws-rds-backup-retention-too-short, aws-rds-deletion-protection-disabled
  cluster_identifier = "serverless"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
}
