resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The deny at 200 was meant to block SSH, but the allow at 100 decides it first.
resource "aws_network_acl" "late_deny" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 0
    to_port    = 65535
    cidr_block = "10.0.0.0/8"
  }

  ingress { # expect: aws-vpc-nacl-rule-shadowed
    rule_no    = 200
    action     = "deny"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "10.1.0.0/16"
  }
}

# Two denies together cover everything the later allow matches.
resource "aws_network_acl" "covered" {
  vpc_id = aws_vpc.main.id
}

resource "aws_network_acl_rule" "deny_low" {
  network_acl_id = aws_network_acl.covered.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/1"
  from_port      = 0
  to_port        = 1023
}

resource "aws_network_acl_rule" "deny_high" {
  network_acl_id = aws_network_acl.covered.id
  rule_number    = 110
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/1"
  from_port      = 1024
  to_port        = 65535
}

resource "aws_network_acl_rule" "allow_web" { # expect: aws-vpc-nacl-rule-shadowed
  network_acl_id = aws_network_acl.covered.id
  rule_number    = 120
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/8"
  from_port      = 0
  to_port        = 65535
}

# Egress rules are evaluated separately, with the same first-match order.
resource "aws_network_acl" "egress" {
  vpc_id = aws_vpc.main.id

  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "10.0.0.0/8"
  }

  egress { # expect: aws-vpc-nacl-rule-shadowed
    rule_no    = 200
    action     = "deny"
    protocol   = "udp"
    from_port  = 53
    to_port    = 53
    cidr_block = "10.0.0.2/32"
  }
}
