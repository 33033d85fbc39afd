resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

# The deny comes first, so it applies; the allow still decides everything else.
resource "aws_network_acl" "ordered" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "deny"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "10.1.0.0/16"
  }

  ingress {
    rule_no    = 200
    action     = "allow"
    protocol   = "tcp"
    from_port  = 0
    to_port    = 65535
    cidr_block = "10.0.0.0/8"
  }

  # Only partly overlapped by the rules above: UDP is still decided here.
  ingress {
    rule_no    = 300
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "10.0.0.0/8"
  }
}
