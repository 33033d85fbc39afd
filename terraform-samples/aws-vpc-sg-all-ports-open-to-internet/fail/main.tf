resource "aws_security_group" "wide" {
  name = "wide"

  # Protocol -1 means every protocol and port, whatever from_port and to_port say.
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-all-ports-open-to-internet
  }
}

resource "aws_vpc_security_group_ingress_rule" "all_tcp_v6" {
  security_group_id = aws_security_group.wide.id
  ip_protocol       = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-all-ports-open-to-internet
}

resource "aws_security_group_rule" "all_udp" {
  type              = "ingress"
  security_group_id = aws_security_group.wide.id
  protocol          = "udp"
  from_port         = 0
  to_port           = 65535
  cidr_blocks       = ["0.0.0.0/1", "128.0.0.0/1"] # expect: aws-vpc-sg-all-ports-open-to-internet
}
