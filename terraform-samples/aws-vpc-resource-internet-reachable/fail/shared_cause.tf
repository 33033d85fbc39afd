# One cause, one finding. The web tier's group admits SSH and HTTP from the internet and
# is used by a load balancer and by three public instances. SSH is the admin-port rule's
# finding, which lists the instances it makes reachable; each instance's reachability
# finding keeps only HTTP, which no rule finding reports (a load balancer uses the
# group), and names the SSH rule's finding.
resource "aws_vpc" "k" {
  cidr_block = "10.7.0.0/16"
}

resource "aws_internet_gateway" "k" {
  vpc_id = aws_vpc.k.id
}

resource "aws_subnet" "k" {
  vpc_id     = aws_vpc.k.id
  cidr_block = "10.7.0.0/24"
}

resource "aws_route_table" "k" {
  vpc_id = aws_vpc.k.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.k.id
  }
}

resource "aws_route_table_association" "k" {
  subnet_id      = aws_subnet.k.id
  route_table_id = aws_route_table.k.id
}

resource "aws_security_group" "k_web" {
  name        = "k-web"
  description = "Web tier"
  vpc_id      = aws_vpc.k.id

  ingress {
    description = "HTTP"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_lb" "k" { # expect: aws-elb-load-balancer-internet-facing
  name            = "k"
  subnets         = [aws_subnet.k.id]
  security_groups = [aws_security_group.k_web.id]
}

resource "aws_instance" "k" { # expect: aws-vpc-resource-internet-reachable
  count                       = 3
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.k.id
  vpc_security_group_ids      = [aws_security_group.k_web.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet, aws-elb-load-balancer-internet-facing, aws-ec2-instance-public-ip
