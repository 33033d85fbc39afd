variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "admin_cidrs" {
  type = list(string)
}

resource "aws_security_group" "this" { # expect: aws-vpc-sg-no-description
  name   = var.name
  vpc_id = var.vpc_id

  ingress {
    description      = "HTTPS from anywhere"
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    description = "SSH for administrators"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs # expect: aws-vpc-sg-admin-port-open-to-internet
  }

  egress { # expect: aws-vpc-sg-no-description
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-egress-unrestricted
  }
}

output "id" {
  value = aws_security_group.this.id
}
