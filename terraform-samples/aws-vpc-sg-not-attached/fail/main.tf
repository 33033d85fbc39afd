resource "aws_security_group" "orphan" { # expect: aws-vpc-sg-not-attached
  name        = "orphan"
  description = "Left over from a removed service"
}

resource "aws_vpc_security_group_ingress_rule" "orphan_https" {
  security_group_id = aws_security_group.orphan.id
  description       = "HTTPS from the VPC"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/8"
}
