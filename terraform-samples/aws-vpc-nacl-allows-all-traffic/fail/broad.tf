# A deny of one public /8 before an allow of 0.0.0.0/0 leaves the rest of the internet.
resource "aws_network_acl" "most" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "1.0.0.0/8"
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
