resource "aws_security_group" "icmp" {
  name        = "icmp"
  description = "ICMP from everywhere"

  # from_port is the ICMP type and to_port the code: type 0 is echo reply.
  ingress {
    description = "echo reply"
    from_port   = 0
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-icmp-open-to-internet
  }
}

# Every ICMP type, from most of the internet.
resource "aws_security_group_rule" "all_icmp" {
  type              = "ingress"
  security_group_id = aws_security_group.icmp.id
  description       = "all ICMP"
  protocol          = "icmp"
  from_port         = -1
  to_port           = -1
  cidr_blocks       = ["0.0.0.0/1", "128.0.0.0/1"] # expect: aws-vpc-sg-icmp-open-to-internet
}

# ICMPv6 echo requests from the IPv6 internet.
resource "aws_vpc_security_group_ingress_rule" "ping_v6" {
  security_group_id = aws_security_group.icmp.id
  description       = "ping over IPv6"
  ip_protocol       = "icmpv6"
  from_port         = 128
  to_port           = -1
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-icmp-open-to-internet
}
