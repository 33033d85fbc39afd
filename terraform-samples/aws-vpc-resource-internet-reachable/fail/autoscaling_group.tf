# An Auto Scaling group in a public subnet whose launch template asks for public
# addresses and opens SSH: every instance it launches is reachable.
resource "aws_vpc" "g" {
  cidr_block = "10.7.0.0/16"
}

resource "aws_internet_gateway" "g" {
  vpc_id = aws_vpc.g.id
}

resource "aws_subnet" "g_public" {
  vpc_id     = aws_vpc.g.id
  cidr_block = "10.7.0.0/24"
}

resource "aws_route_table" "g_public" {
  vpc_id = aws_vpc.g.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.g.id
  }
}

resource "aws_route_table_association" "g_public" {
  subnet_id      = aws_subnet.g_public.id
  route_table_id = aws_route_table.g_public.id
}

resource "aws_security_group" "g_ssh" {
  name        = "g-ssh"
  description = "SSH for the fleet"
  vpc_id      = aws_vpc.g.id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_launch_template" "g" {
  name_prefix   = "g-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  network_interfaces {
    associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
    security_groups             = [aws_security_group.g_ssh.id]
  }
}

resource "aws_autoscaling_group" "g" {
  min_size            = 1
  max_size            = 3
  vpc_zone_identifier = [aws_subnet.g_public.id]

  launch_template {
    id      = aws_launch_template.g.id
    version = "$Latest"
  }
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet, aws-ec2-instance-public-ip
