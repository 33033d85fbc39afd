# Rules written as attributes (`ingress = [{ ... }]`) are the same rules as blocks. Two
# rules, one per family, each open SSH to its whole internet: one finding.
resource "aws_network_acl" "attribute_syntax" {
  vpc_id = aws_vpc.main.id

  ingress = [
    {
      rule_no         = 100
      action          = "allow"
      protocol        = "tcp"
      from_port       = 22
      to_port         = 22
      cidr_block      = "0.0.0.0/0" # expect: aws-vpc-nacl-admin-port-open-to-internet
      ipv6_cidr_block = null
      icmp_type       = null
      icmp_code       = null
    },
    {
      rule_no         = 101
      action          = "allow"
      protocol        = "tcp"
      from_port       = 22
      to_port         = 22
      cidr_block      = null
      ipv6_cidr_block = "::/0"
      icmp_type       = null
      icmp_code       = null
    },
  ]
  egress = []
}

# A rule on a network ACL not declared here is judged on its own.
resource "aws_network_acl_rule" "foreign_ssh" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0" # expect: aws-vpc-nacl-admin-port-open-to-internet
  from_port      = 22
  to_port        = 22
}
