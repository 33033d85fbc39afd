resource "aws_security_group" "app" { # expect: aws-vpc-sg-no-description, aws-vpc-sg-not-attached
  name = "app"

  egress { # expect: aws-vpc-sg-no-description
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-egress-unrestricted
  }
}

resource "aws_vpc_security_group_egress_rule" "all_v6" { # expect: aws-vpc-sg-no-description
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-egress-unrestricted
}
