# SSH from one public /16 only: a small share of the internet is not the internet.
resource "aws_network_acl" "one_public_block" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "8.8.0.0/16"
  }
}
