resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id          = aws_vpc.main.id
  cidr_block      = "10.0.1.0/24"
  ipv6_cidr_block = "2001:DB8:0:1::/64"
}

resource "aws_vpc_security_group_ingress_rule" "host" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "10.20.30.40/32"
}

resource "aws_route" "peer" {
  route_table_id            = "rtb-0123456789abcdef0"
  destination_cidr_block    = "172.16.0.0/12"
  vpc_peering_connection_id = "pcx-0123456789abcdef0"
}
