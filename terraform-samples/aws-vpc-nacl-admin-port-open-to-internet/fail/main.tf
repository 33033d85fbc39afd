resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# Low ports from anywhere, as separate rule resources.
resource "aws_network_acl" "low_ports" {
  vpc_id = aws_vpc.main.id
}

resource "aws_network_acl_rule" "low_ports" {
  network_acl_id = aws_network_acl.low_ports.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # expect: aws-vpc-nacl-admin-port-open-to-internet
  from_port      = 0
  to_port        = 1023
}

# Two rules whose CIDRs together are the whole IPv4 internet.
resource "aws_network_acl" "halves" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/1" # expect: aws-vpc-nacl-admin-port-open-to-internet
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "128.0.0.0/1"
  }
}

resource "aws_network_acl" "rdp_v6" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no         = 100
    action          = "allow"
    protocol        = "6"
    from_port       = 3389
    to_port         = 3389
    ipv6_cidr_block = "::/0" # expect: aws-vpc-nacl-admin-port-open-to-internet
  }
}
