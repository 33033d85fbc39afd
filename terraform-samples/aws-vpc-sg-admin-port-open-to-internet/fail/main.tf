variable "admin_cidr" {
  type    = string
  default = "0.0.0.0/0"
}

resource "aws_security_group" "inline" {
  name = "inline"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_security_group_rule" "rdp_v6" {
  type              = "ingress"
  security_group_id = aws_security_group.inline.id
  protocol          = "tcp"
  from_port         = 3389
  to_port           = 3389
  ipv6_cidr_blocks  = ["::/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
}

# Two halves of the IPv4 space are the whole internet.
resource "aws_security_group_rule" "halves" {
  type              = "ingress"
  security_group_id = aws_security_group.inline.id
  protocol          = "tcp"
  from_port         = 0
  to_port           = 1024
  cidr_blocks = [
    "0.0.0.0/1", # expect: aws-vpc-sg-admin-port-open-to-internet
    "128.0.0.0/1",
  ]
}

resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = aws_security_group.inline.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0" # expect: aws-vpc-sg-all-ports-open-to-internet
}

# The open CIDR comes from a variable default: the finding points at the use and
# lists the default as related.
resource "aws_security_group" "from_variable" {
  name = "from-variable"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}
# also-expect: aws-vpc-sg-all-ports-open-to-internet
