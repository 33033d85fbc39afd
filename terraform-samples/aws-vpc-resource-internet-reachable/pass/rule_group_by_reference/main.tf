# The same stack with the rule's security_group_id a reference: the rule belongs to the
# internal group, which no public resource uses, so the public instance is not reachable.
resource "aws_vpc" "g" {
  cidr_block = "10.22.0.0/16"
}

resource "aws_internet_gateway" "g" {
  vpc_id = aws_vpc.g.id
}

resource "aws_subnet" "g" {
  vpc_id     = aws_vpc.g.id
  cidr_block = "10.22.0.0/24"
}

resource "aws_route_table" "g" {
  vpc_id = aws_vpc.g.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.g.id
  }
}

resource "aws_route_table_association" "g" {
  subnet_id      = aws_subnet.g.id
  route_table_id = aws_route_table.g.id
}

resource "aws_security_group" "g_web" {
  name        = "g-web"
  description = "Web servers, no ingress of its own"
  vpc_id      = aws_vpc.g.id
}

resource "aws_security_group_rule" "somewhere_ssh" {
  type              = "ingress"
  description       = "SSH, attached to a group chosen at apply time"
  security_group_id = aws_security_group.g_internal.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
}

resource "aws_security_group" "g_internal" {
  name        = "g-internal"
  description = "Internal servers"
  vpc_id      = aws_vpc.g.id
}

resource "aws_instance" "g_internal" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.g_internal.id]

  associate_public_ip_address = false
}

resource "aws_instance" "g" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.g.id
  vpc_security_group_ids      = [aws_security_group.g_web.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet, aws-ec2-instance-public-ip
