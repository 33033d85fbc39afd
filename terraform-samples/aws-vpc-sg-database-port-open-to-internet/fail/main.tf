resource "aws_security_group" "db" {
  name = "db"

  ingress {
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"] # expect: aws-vpc-sg-database-port-open-to-internet
    ipv6_cidr_blocks = ["::/0"]
  }

  # self = true adds the group's members; the CIDR is still open.
  ingress {
    from_port   = 3306
    to_port     = 3306
    protocol    = "tcp"
    self        = true
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-database-port-open-to-internet
  }
}

# A managed prefix list whose entries cover the internet.
resource "aws_ec2_managed_prefix_list" "everyone" {
  name           = "everyone"
  address_family = "IPv4"
  max_entries    = 2

  entry {
    cidr = "0.0.0.0/1"
  }
}

resource "aws_ec2_managed_prefix_list_entry" "other_half" {
  prefix_list_id = aws_ec2_managed_prefix_list.everyone.id
  cidr           = "128.0.0.0/1"
}

resource "aws_security_group_rule" "redis" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  protocol          = "tcp"
  from_port         = 6379
  to_port           = 6379
  prefix_list_ids   = [aws_ec2_managed_prefix_list.everyone.id] # expect: aws-vpc-sg-database-port-open-to-internet
}

resource "aws_vpc_security_group_ingress_rule" "mongo" {
  security_group_id = aws_security_group.db.id
  ip_protocol       = "tcp"
  from_port         = 27017
  to_port           = 27019
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-database-port-open-to-internet
}

resource "aws_security_group_rule" "search" {
  type              = "ingress"
  security_group_id = aws_security_group.db.id
  protocol          = "tcp"
  from_port         = 9200
  to_port           = 9300
  cidr_blocks       = ["128.0.0.0/1", "0.0.0.0/1"] # expect: aws-vpc-sg-database-port-open-to-internet
}
