resource "aws_security_group" "app" {
  name = "app"
}

resource "aws_security_group" "db" {
  name = "db"

  # Members of the app group, and of this group.
  ingress {
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
    self            = true
  }

  # The VPC and two specific public addresses are not the internet.
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "198.51.100.7/32", "203.0.113.9/32"]
  }
}

resource "aws_security_group_rule" "redis_from_app" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  protocol                 = "tcp"
  from_port                = 6379
  to_port                  = 6379
  source_security_group_id = aws_security_group.app.id
}

resource "aws_ec2_managed_prefix_list" "offices" {
  name           = "offices"
  address_family = "IPv4"
  max_entries    = 2

  entry {
    cidr = "198.51.100.0/24"
  }

  entry {
    cidr = "192.0.2.0/24"
  }
}

resource "aws_vpc_security_group_ingress_rule" "mongo_from_offices" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "tcp"
  from_port         = 27017
  to_port           = 27017
  prefix_list_id    = aws_ec2_managed_prefix_list.offices.id
}

resource "aws_vpc_security_group_ingress_rule" "mysql_from_app" {
  security_group_id            = aws_security_group.db.id
  ip_protocol                  = "tcp"
  from_port                    = 3306
  to_port                      = 3306
  referenced_security_group_id = aws_security_group.app.id
}
