# A declared group whose only ingress rule takes its sources from a variable without a
# default: they may be 0.0.0.0/0, so the public instance may be reachable on SSH. The
# exposure itself (the rule's sources) is unknown: undecided, not a finding.
variable "r_admin_cidrs" {
  type = list(string)
}

resource "aws_vpc" "r" {
  cidr_block = "10.21.0.0/16"
}

resource "aws_internet_gateway" "r" {
  vpc_id = aws_vpc.r.id
}

resource "aws_subnet" "r" {
  vpc_id     = aws_vpc.r.id
  cidr_block = "10.21.0.0/24"
}

resource "aws_route_table" "r" {
  vpc_id = aws_vpc.r.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.r.id
  }
}

resource "aws_route_table_association" "r" {
  subnet_id      = aws_subnet.r.id
  route_table_id = aws_route_table.r.id
}

resource "aws_security_group" "r_admin" {
  name        = "r-admin"
  description = "Administration"
  vpc_id      = aws_vpc.r.id
}

resource "aws_security_group_rule" "r_ssh" {
  type              = "ingress"
  description       = "SSH from the administrators"
  security_group_id = aws_security_group.r_admin.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = var.r_admin_cidrs
}

resource "aws_instance" "r" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.r.id
  vpc_security_group_ids      = [aws_security_group.r_admin.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-ec2-instance-public-ip
