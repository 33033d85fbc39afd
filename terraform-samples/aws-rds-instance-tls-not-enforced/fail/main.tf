resource "aws_db_parameter_group" "pg14" {
  name   = "app-pg14"
  family = "postgres14"

  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

resource "aws_db_instance" "postgres_off" {
  identifier           = "app"
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.pg14.name # expect: aws-rds-instance-tls-not-enforced
}

resource "aws_db_parameter_group" "mysql" {
  name   = "app-mysql8"
  family = "mysql8.0"

  parameter {
    name  = "max_connections"
    value = "200"
  }
}

resource "aws_db_instance" "mysql_unset" {
  identifier           = "orders"
  engine               = "mysql"
  instance_class       = "db.t4g.micro"
  parameter_group_name = "app-mysql8" # expect: aws-rds-instance-tls-not-enforced
}

resource "aws_db_instance" "mariadb_default" { # expect: aws-rds-instance-tls-not-enforced
  identifier     = "legacy"
  engine         = "mariadb"
  instance_class = "db.t4g.micro"
}

resource "aws_db_instance" "postgres13_default" {
  identifier           = "reports"
  engine               = "postgres"
  engine_version       = "13.15"
  instance_class       = "db.t4g.micro"
  parameter_group_name = "default.postgres13" # expect: aws-rds-instance-tls-not-enforced
}

# The group is found through the reference (to a counted instance here), although its
# name is known only after apply.
data "aws_caller_identity" "current" {}

resource "aws_db_parameter_group" "per_account" {
  count  = 1
  name   = "mysql-${data.aws_caller_identity.current.account_id}"
  family = "mysql8.0"
}

resource "aws_db_instance" "per_account" {
  identifier           = "per-account"
  engine               = "mysql"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.per_account[0].name # expect: aws-rds-instance-tls-not-enforced
}
