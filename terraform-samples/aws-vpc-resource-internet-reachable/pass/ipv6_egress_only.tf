# The same IPv6 instance, but ::/0 goes to an egress-only internet gateway, which
# carries outbound IPv6 only: nothing from the internet can start a connection to it.
resource "aws_vpc" "e6" {
  cidr_block                       = "10.13.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_egress_only_internet_gateway" "e6" {
  vpc_id = aws_vpc.e6.id
}

resource "aws_subnet" "e6" {
  vpc_id                          = aws_vpc.e6.id
  cidr_block                      = "10.13.0.0/24"
  ipv6_cidr_block                 = "2600:1f18:13:ab00::/64"
  assign_ipv6_address_on_creation = true
}

resource "aws_route_table" "e6" {
  vpc_id = aws_vpc.e6.id

  route {
    ipv6_cidr_block        = "::/0"
    egress_only_gateway_id = aws_egress_only_internet_gateway.e6.id
  }
}

resource "aws_route_table_association" "e6" {
  subnet_id      = aws_subnet.e6.id
  route_table_id = aws_route_table.e6.id
}

resource "aws_security_group" "e6_ssh" {
  name        = "e6-ssh"
  description = "SSH over IPv6"
  vpc_id      = aws_vpc.e6.id

  ingress {
    description      = "SSH"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_instance" "e6" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.e6.id
  vpc_security_group_ids = [aws_security_group.e6_ssh.id]
  ipv6_address_count     = 1
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet
