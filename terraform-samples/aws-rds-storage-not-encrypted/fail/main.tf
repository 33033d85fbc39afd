resource "aws_db_instance" "default" { # expect: aws-rds-storage-not-encrypted
  identifier     = "app"
  engine         = "postgres"
  instance_class = "db.t3.micro"
}

resource "aws_rds_cluster" "explicit" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
  storage_encrypted  = false # expect: aws-rds-storage-not-encrypted
}
