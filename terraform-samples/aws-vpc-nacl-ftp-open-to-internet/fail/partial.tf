# A deny of one public /8 before the allow: FTP stays open to the rest of the internet.
resource "aws_network_acl" "ftp_all_but_one_block" {
  vpc_id = "vpc-0123456789abcdef0"

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
    from_port  = 21
    to_port    = 21
    cidr_block = "0.0.0.0/0" # expect: aws-vpc-nacl-ftp-open-to-internet
  }
}
