resource "aws_security_group" "bare" { # expect: aws-vpc-sg-no-description
  name = "bare"

  egress { # expect: aws-vpc-sg-no-description
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_security_group" "placeholder" {
  name        = "placeholder"
  description = "Managed by Terraform" # expect: aws-vpc-sg-no-description
}

resource "aws_security_group_rule" "https_in" { # expect: aws-vpc-sg-no-description
  type              = "ingress"
  security_group_id = aws_security_group.placeholder.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.bare.id, aws_security_group.placeholder.id]
}
