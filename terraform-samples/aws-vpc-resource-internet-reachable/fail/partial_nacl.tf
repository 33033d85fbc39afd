# The NACL denies one public /8 and then allows everything else: the instance is still
# reachable from the internet, from all of it except 1.0.0.0/8.
resource "aws_vpc" "n" {
  cidr_block = "10.10.0.0/16"
}

resource "aws_internet_gateway" "n" {
  vpc_id = aws_vpc.n.id
}

resource "aws_subnet" "n_public" {
  vpc_id     = aws_vpc.n.id
  cidr_block = "10.10.0.0/24"
}

resource "aws_route_table" "n_public" {
  vpc_id = aws_vpc.n.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.n.id
  }
}

resource "aws_route_table_association" "n_public" {
  subnet_id      = aws_subnet.n_public.id
  route_table_id = aws_route_table.n_public.id
}

resource "aws_network_acl" "n" {
  vpc_id     = aws_vpc.n.id
  subnet_ids = [aws_subnet.n_public.id]

  ingress {
    rule_no    = 90
    protocol   = "-1"
    action     = "deny"
    cidr_block = "1.0.0.0/8"
    from_port  = 0
    to_port    = 0
  }

  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0" # expect: aws-vpc-nacl-admin-port-open-to-internet
    from_port  = 22
    to_port    = 22
  }

  egress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 1024
    to_port    = 65535
  }
}

resource "aws_security_group" "n_ssh" {
  name        = "n-ssh"
  description = "SSH"
  vpc_id      = aws_vpc.n.id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_instance" "n" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.n_public.id
  vpc_security_group_ids      = [aws_security_group.n_ssh.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-vpc-nacl-admin-port-open-to-internet, aws-vpc-sg-admin-port-open-to-internet, aws-ec2-instance-public-ip
