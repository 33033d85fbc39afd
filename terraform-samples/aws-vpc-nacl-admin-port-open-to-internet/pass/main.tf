resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The deny at 100 decides SSH before the allow at 200 is reached: tfscan does not report
# SSH as open (it reports the allow as shadowed instead).
resource "aws_network_acl" "deny_first" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 200
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 100
    action     = "deny"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 300
    action     = "allow"
    protocol   = "tcp"
    from_port  = 443
    to_port    = 443
    cidr_block = "0.0.0.0/0"
  }
}

# SSH only from the VPN range, and from a handful of public addresses.
resource "aws_network_acl" "vpn" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "10.20.0.0/16"
  }

  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "198.51.100.7/32"
  }

  # Outbound SSH is egress.
  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }
}
