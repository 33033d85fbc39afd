# The gateway comes from a variable without a default: the route may lead to an internet
# gateway, so the instance may be reachable. With no known route to an internet
# gateway, that is undecided, not a finding.
variable "gateway_id" {
  type = string
}

resource "aws_vpc" "e" {
  cidr_block = "10.5.0.0/16"
}

resource "aws_subnet" "e" {
  vpc_id     = aws_vpc.e.id
  cidr_block = "10.5.0.0/24"
}

resource "aws_route_table" "e" {
  vpc_id = aws_vpc.e.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = var.gateway_id
  }
}

resource "aws_route_table_association" "e" {
  subnet_id      = aws_subnet.e.id
  route_table_id = aws_route_table.e.id
}

resource "aws_security_group" "e_rdp" {
  name   = "e-rdp"
  vpc_id = aws_vpc.e.id
}

resource "aws_security_group_rule" "e_rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.e_rdp.id
  protocol          = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
}

resource "aws_instance" "e" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.e.id
  vpc_security_group_ids      = [aws_security_group.e_rdp.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet, aws-ec2-instance-public-ip
