resource "aws_security_group" "partners" {
  name        = "partners"
  description = "Partner networks"

  ingress {
    description = "Partner network"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["162.168.2.0/24"]
  }

  ingress { # expect: aws-vpc-sg-rule-redundant
    description = "Partner office"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["162.168.2.0/25"]
  }

  ingress { # expect: aws-vpc-sg-rule-redundant
    description = "Partner monitoring"
    from_port   = 8
    to_port     = -1
    protocol    = "icmp"
    cidr_blocks = ["162.168.2.128/26"]
  }
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "Web servers"
}

resource "aws_vpc_security_group_ingress_rule" "https_office" {
  security_group_id = aws_security_group.web.id
  description       = "HTTPS from the office"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.20.0.0/16"
}

# The same ports from part of the same network, in another form.
resource "aws_security_group_rule" "https_admins" { # expect: aws-vpc-sg-rule-redundant
  security_group_id = aws_security_group.web.id
  description       = "HTTPS from the admins"
  type              = "ingress"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.20.5.0/24"]
}

resource "aws_network_interface" "partners" {
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.partners.id, aws_security_group.web.id]
}
