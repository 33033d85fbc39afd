resource "aws_network_acl" "public" {
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef0"]

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 20
    to_port    = 21
    cidr_block = "0.0.0.0/0" # expect: aws-vpc-nacl-ftp-open-to-internet
  }
}

resource "aws_network_acl" "halves" {
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef1"]
}

resource "aws_network_acl_rule" "ftp_low" {
  network_acl_id = aws_network_acl.halves.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  from_port      = 21
  to_port        = 21
  cidr_block     = "0.0.0.0/1" # expect: aws-vpc-nacl-ftp-open-to-internet
}

resource "aws_network_acl_rule" "ftp_high" {
  network_acl_id = aws_network_acl.halves.id
  rule_number    = 110
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  from_port      = 21
  to_port        = 21
  cidr_block     = "128.0.0.0/1"
}
