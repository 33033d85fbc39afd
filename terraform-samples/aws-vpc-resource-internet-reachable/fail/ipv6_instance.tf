# An instance with no public IPv4 address but one IPv6 address, in a subnet whose route
# table sends ::/0 to an internet gateway: IPv6 addresses are all public, so SSH from
# ::/0 reaches it.
resource "aws_vpc" "v6" {
  cidr_block                       = "10.12.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_internet_gateway" "v6" {
  vpc_id = aws_vpc.v6.id
}

resource "aws_subnet" "v6" {
  vpc_id          = aws_vpc.v6.id
  cidr_block      = "10.12.0.0/24"
  ipv6_cidr_block = "2600:1f18:12:ab00::/64"
}

resource "aws_route_table" "v6" {
  vpc_id = aws_vpc.v6.id

  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = aws_internet_gateway.v6.id
  }
}

resource "aws_route_table_association" "v6" {
  subnet_id      = aws_subnet.v6.id
  route_table_id = aws_route_table.v6.id
}

resource "aws_security_group" "v6_ssh" {
  name        = "v6-ssh"
  description = "SSH over IPv6"
  vpc_id      = aws_vpc.v6.id

  ingress {
    description      = "SSH"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_instance" "v6" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.v6.id
  vpc_security_group_ids      = [aws_security_group.v6_ssh.id]
  associate_public_ip_address = false
  ipv6_address_count          = 1
}

# An Auto Scaling group in a subnet that assigns IPv6 addresses at launch; its launch
# configuration asks for no public IPv4, but RDP from ::/0 still reaches its instances.
resource "aws_subnet" "v6_auto" {
  vpc_id                          = aws_vpc.v6.id
  cidr_block                      = "10.12.1.0/24"
  ipv6_cidr_block                 = "2600:1f18:12:ab01::/64"
  assign_ipv6_address_on_creation = true
}

resource "aws_route_table_association" "v6_auto" {
  subnet_id      = aws_subnet.v6_auto.id
  route_table_id = aws_route_table.v6.id
}

resource "aws_security_group" "v6_rdp" {
  name        = "v6-rdp"
  description = "RDP over IPv6"
  vpc_id      = aws_vpc.v6.id
}

resource "aws_vpc_security_group_ingress_rule" "v6_rdp" {
  security_group_id = aws_security_group.v6_rdp.id
  description       = "RDP"
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-admin-port-open-to-internet
}

resource "aws_launch_configuration" "v6" {
  name_prefix                 = "v6-"
  image_id                    = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  security_groups             = [aws_security_group.v6_rdp.id]
  associate_public_ip_address = false
}

resource "aws_autoscaling_group" "v6" {
  min_size             = 1
  max_size             = 2
  vpc_zone_identifier  = [aws_subnet.v6_auto.id]
  launch_configuration = aws_launch_configuration.v6.name
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet
