# IPv6 reaches this instance for certain (its subnet assigns IPv6 addresses at launch and
# routes ::/0 to the internet gateway); whether it also gets a public IPv4 address comes
# from a variable without a default. The IPv6 part is certain, the IPv4 part possible.
variable "p_public_ipv4" {
  type = bool
}

resource "aws_vpc" "p" {
  cidr_block                       = "10.20.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_internet_gateway" "p" {
  vpc_id = aws_vpc.p.id
}

resource "aws_subnet" "p" {
  vpc_id                          = aws_vpc.p.id
  cidr_block                      = "10.20.0.0/24"
  ipv6_cidr_block                 = "2600:1f18:20:ab00::/64"
  assign_ipv6_address_on_creation = true
}

resource "aws_route_table" "p" {
  vpc_id = aws_vpc.p.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.p.id
  }

  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = aws_internet_gateway.p.id
  }
}

resource "aws_route_table_association" "p" {
  subnet_id      = aws_subnet.p.id
  route_table_id = aws_route_table.p.id
}

resource "aws_security_group" "p_ssh" {
  name        = "p-ssh"
  description = "SSH from anywhere"
  vpc_id      = aws_vpc.p.id

  ingress {
    description      = "SSH"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_instance" "p" { # expect: aws-vpc-resource-internet-reachable
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.p.id
  vpc_security_group_ids      = [aws_security_group.p_ssh.id]
  associate_public_ip_address = var.p_public_ipv4
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet
