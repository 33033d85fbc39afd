resource "aws_security_group" "icmp" {
  name        = "icmp"
  description = "ICMP the hosts need"

  # Path MTU discovery: destination unreachable, fragmentation needed.
  ingress {
    description = "path MTU"
    from_port   = 3
    to_port     = 4
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # ICMPv6 packet too big.
  ingress {
    description      = "path MTU over IPv6"
    from_port        = 2
    to_port          = -1
    protocol         = "icmpv6"
    ipv6_cidr_blocks = ["::/0"]
  }

  # Ping from the monitoring network only.
  ingress {
    description = "ping from monitoring"
    from_port   = 8
    to_port     = -1
    protocol    = "icmp"
    cidr_blocks = ["10.20.0.0/16"]
  }

  # ICMP (IPv4) cannot arrive over IPv6: ::/0 admits nothing on it.
  ingress {
    description      = "ICMP with IPv6 sources"
    from_port        = -1
    to_port          = -1
    protocol         = "icmp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

# Every protocol is one finding, of the all-ports check, not an ICMP one as well.
resource "aws_security_group_rule" "everything" {
  type              = "ingress"
  security_group_id = aws_security_group.icmp.id
  description       = "everything"
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-all-ports-open-to-internet
}
# also-expect: aws-vpc-sg-all-ports-open-to-internet
