# FTP is denied before the broad allow of web ports.
resource "aws_network_acl" "public" {
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef0"]

  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "tcp"
    from_port  = 20
    to_port    = 21
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 0
    to_port    = 1000
    cidr_block = "0.0.0.0/0" # expect: aws-vpc-nacl-admin-port-open-to-internet
  }
}

# FTP only from the VPN range.
resource "aws_network_acl" "internal" {
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef1"]

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 21
    to_port    = 21
    cidr_block = "10.8.0.0/16"
  }
}
# also-expect: aws-vpc-nacl-admin-port-open-to-internet
