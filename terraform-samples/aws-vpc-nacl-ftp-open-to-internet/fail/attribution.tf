# Rule 100 admits FTP data from one private address only; the finding lands on the rule
# that opens FTP to the internet, a separate rule resource.
resource "aws_network_acl" "attribution" {
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef2"]

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "10.0.0.0/32"
    from_port  = 20
    to_port    = 20
  }
}

resource "aws_network_acl_rule" "ftp_from_anywhere" {
  network_acl_id = aws_network_acl.attribution.id
  rule_number    = 150
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # expect: aws-vpc-nacl-ftp-open-to-internet
  from_port      = 20
  to_port        = 21
}

# A standalone rule on a network ACL this configuration does not declare is judged on
# its own.
resource "aws_network_acl_rule" "foreign_ftp" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # expect: aws-vpc-nacl-ftp-open-to-internet
  from_port      = 21
  to_port        = 21
}
