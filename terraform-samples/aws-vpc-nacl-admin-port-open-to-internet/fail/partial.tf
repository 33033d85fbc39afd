# A deny of one public /8 before an allow of 0.0.0.0/0: SSH is still open to the
# internet, all of it but 1.0.0.0/8.
resource "aws_network_acl" "all_but_one_block" {
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
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0" # expect: aws-vpc-nacl-admin-port-open-to-internet
  }
}
