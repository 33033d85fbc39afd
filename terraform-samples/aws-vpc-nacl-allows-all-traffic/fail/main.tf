resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_network_acl" "open" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0" # expect: aws-vpc-nacl-allows-all-traffic
  }
}

resource "aws_default_network_acl" "default" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id

  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0" # expect: aws-vpc-nacl-allows-all-traffic
  }
}

resource "aws_network_acl" "v6" {
  vpc_id = aws_vpc.main.id
}

resource "aws_network_acl_rule" "all_v6" {
  network_acl_id  = aws_network_acl.v6.id
  rule_number     = 100
  protocol        = "all"
  rule_action     = "allow"
  ipv6_cidr_block = "::/0" # expect: aws-vpc-nacl-allows-all-traffic
}
