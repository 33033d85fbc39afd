# Public instances whose security groups are not known here: one takes its groups from a
# variable without a default, the other names a group id declared elsewhere. Either group
# may admit anything, so both instances may be reachable: undecided (never silently
# passed), not a finding, since no known rule exposes them.
variable "instance_security_group_ids" {
  type = list(string)
}

resource "aws_vpc" "u" {
  cidr_block = "10.9.0.0/16"
}

resource "aws_internet_gateway" "u" {
  vpc_id = aws_vpc.u.id
}

resource "aws_subnet" "u_public" {
  vpc_id     = aws_vpc.u.id
  cidr_block = "10.9.0.0/24"
}

resource "aws_route_table" "u_public" {
  vpc_id = aws_vpc.u.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.u.id
  }
}

resource "aws_route_table_association" "u_public" {
  subnet_id      = aws_subnet.u_public.id
  route_table_id = aws_route_table.u_public.id
}

resource "aws_instance" "u_variable" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.u_public.id
  vpc_security_group_ids      = var.instance_security_group_ids
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}

resource "aws_instance" "u_elsewhere" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.u_public.id
  vpc_security_group_ids      = ["sg-0123456789abcdef0"]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-ec2-instance-public-ip
