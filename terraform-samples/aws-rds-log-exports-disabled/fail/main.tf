variable "log_exports" {
  type    = list(string)
  default = []
}

resource "aws_db_instance" "default" { # expect: aws-rds-log-exports-disabled
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_rds_cluster" "through_variable" {
  cluster_identifier              = "aurora"
  engine                          = "aurora-postgresql"
  master_username                 = "app"
  manage_master_user_password     = true
  storage_encrypted               = true
  enabled_cloudwatch_logs_exports = var.log_exports # expect: aws-rds-log-exports-disabled
}
