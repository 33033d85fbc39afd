# A standalone rule on a network ACL not declared here: judged on its own, as one
# finding (all traffic says every administrative port and FTP are open).
resource "aws_network_acl_rule" "foreign_all" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # expect: aws-vpc-nacl-allows-all-traffic
}

resource "aws_network_acl" "attribute_syntax" {
  vpc_id = aws_vpc.main.id

  ingress = [{
    rule_no         = 100
    action          = "allow"
    protocol        = "-1"
    from_port       = 0
    to_port         = 0
    cidr_block      = null
    ipv6_cidr_block = "::/0" # expect: aws-vpc-nacl-allows-all-traffic
    icmp_type       = null
    icmp_code       = null
  }]
}
