# A private subnet: the internet goes to a NAT gateway, not an internet gateway.
resource "aws_vpc" "b" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_subnet" "b_private" {
  vpc_id     = aws_vpc.b.id
  cidr_block = "10.2.0.0/24"
}

resource "aws_route_table" "b_private" {
  vpc_id = aws_vpc.b.id

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = "nat-0123456789abcdef0"
  }
}

resource "aws_route_table_association" "b_private" {
  subnet_id      = aws_subnet.b_private.id
  route_table_id = aws_route_table.b_private.id
}

resource "aws_security_group" "b_ssh" {
  name   = "b-ssh"
  vpc_id = aws_vpc.b.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_instance" "b" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.b_private.id
  vpc_security_group_ids      = [aws_security_group.b_ssh.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet, aws-ec2-instance-public-ip
