resource "aws_db_instance" "encrypted" {
  identifier        = "app"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}

# Aurora Serverless v1 is always encrypted.
resource "aws_rds_cluster" "serverless" {
  cluster_identifier = "serverless"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
}
