resource "aws_network_acl" "attribute_syntax" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress = [{
    rule_no         = 100
    action          = "allow"
    protocol        = "tcp"
    from_port       = 22
    to_port         = 22
    cidr_block      = "10.20.0.0/16"
    ipv6_cidr_block = null
    icmp_type       = null
    icmp_code       = null
  }]
}
