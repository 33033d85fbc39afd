resource "aws_security_group" "app" { # expect: aws-vpc-sg-no-description, aws-vpc-sg-not-attached
  name = "app"

  ingress { # expect: aws-vpc-sg-no-description
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-port-open-to-internet
  }
}

resource "aws_vpc_security_group_ingress_rule" "node_dev_server" { # expect: aws-vpc-sg-no-description
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 3000
  to_port           = 3001
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-port-open-to-internet
}

resource "aws_security_group_rule" "wireguard" { # expect: aws-vpc-sg-no-description
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "udp"
  from_port         = 51820
  to_port           = 51820
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-port-open-to-internet
}
