resource "aws_db_parameter_group" "pg14" {
  name   = "app-pg14"
  family = "postgres14"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "postgres_forced" {
  identifier           = "app"
  engine               = "postgres"
  engine_version       = "14.12"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.pg14.name
}

resource "aws_db_parameter_group" "mysql" {
  name   = "app-mysql8"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "ON"
  }
}

resource "aws_db_instance" "mysql_forced" {
  identifier           = "orders"
  engine               = "mysql"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.mysql.name
}

# RDS for PostgreSQL 15 and later forces TLS in its default parameter group.
resource "aws_db_instance" "postgres16_default" {
  identifier     = "reports"
  engine         = "postgres"
  engine_version = "16.4"
  instance_class = "db.t4g.micro"
}

# The group is found through the reference, although its name is known only after apply.
data "aws_caller_identity" "current" {}

resource "aws_db_parameter_group" "per_account" {
  name   = "mysql-${data.aws_caller_identity.current.account_id}"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "1"
  }
}

resource "aws_db_instance" "per_account" {
  identifier           = "per-account"
  engine               = "mysql"
  instance_class       = "db.t4g.micro"
  parameter_group_name = aws_db_parameter_group.per_account.name
}
