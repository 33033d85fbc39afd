resource "aws_db_instance" "default" { # expect: aws-rds-backup-retention-too-short, aws-rds-deletion-protection-disabled, aws-rds-iam-auth-disabled, aws-rds-instance-not-multi-az, aws-rds-log-exports-disabled, aws-rds-storage-not-encrypted
  identifier     = "app"
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_rds_cluster" "explicit" { # expect: aws-rds-backup-retention-too-short, aws-rds-deletion-protection-disabled, aws-rds-iam-auth-disabled, aws-rds-log-exports-disabled
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
  storage_encrypted  = false # expect: aws-rds-storage-not-encrypted
}
