# A public instance whose security group admits SSH from one public address: a specific
# /32 is not the internet, so nothing is reachable from the internet.
resource "aws_vpc" "s" {
  cidr_block = "10.11.0.0/16"
}

resource "aws_internet_gateway" "s" {
  vpc_id = aws_vpc.s.id
}

resource "aws_subnet" "s_public" {
  vpc_id     = aws_vpc.s.id
  cidr_block = "10.11.0.0/24"
}

resource "aws_route_table" "s_public" {
  vpc_id = aws_vpc.s.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.s.id
  }
}

resource "aws_route_table_association" "s_public" {
  subnet_id      = aws_subnet.s_public.id
  route_table_id = aws_route_table.s_public.id
}

resource "aws_security_group" "s_ssh" {
  name        = "s-ssh"
  description = "SSH from the office"
  vpc_id      = aws_vpc.s.id

  ingress {
    description = "SSH from the office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["8.8.4.4/32"]
  }
}

resource "aws_instance" "s" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.s_public.id
  vpc_security_group_ids      = [aws_security_group.s_ssh.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-ec2-instance-public-ip
