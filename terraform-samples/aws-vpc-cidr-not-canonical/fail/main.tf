variable "admin_host" {
  type    = string
  default = "10.20.30.40/16"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.1/16" # expect: aws-vpc-cidr-not-canonical
}

resource "aws_subnet" "a" {
  vpc_id          = aws_vpc.main.id
  cidr_block      = "10.0.1.0/24"
  ipv6_cidr_block = "2001:db8:0:1::1/64" # expect: aws-vpc-cidr-not-canonical
}

resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_host] # expect: aws-vpc-cidr-not-canonical
  }
}

resource "aws_network_acl_rule" "office" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "192.168.1.10/24" # expect: aws-vpc-cidr-not-canonical
  from_port      = 443
  to_port        = 443
}

resource "aws_network_acl" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table" "main" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block                = "172.16.5.0/12" # expect: aws-vpc-cidr-not-canonical
    vpc_peering_connection_id = "pcx-0123456789abcdef0"
  }
}
