resource "aws_security_group" "app" { # expect: aws-vpc-sg-no-description, aws-vpc-sg-not-attached
  name = "app"

  egress { # expect: aws-vpc-sg-no-description
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress { # expect: aws-vpc-sg-no-description
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

# No egress rules at all: Terraform removes AWS's default allow-all rule.
resource "aws_security_group" "quiet" { # expect: aws-vpc-sg-no-description, aws-vpc-sg-not-attached
  name = "quiet"
}
