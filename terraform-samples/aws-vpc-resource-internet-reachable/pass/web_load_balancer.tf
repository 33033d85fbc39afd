# An internet-facing load balancer that serves only HTTPS, and an instance whose
# security group admits only the load balancer.
resource "aws_vpc" "d" {
  cidr_block = "10.4.0.0/16"
}

resource "aws_internet_gateway" "d" {
  vpc_id = aws_vpc.d.id
}

resource "aws_route_table" "d" {
  vpc_id = aws_vpc.d.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.d.id
  }
}

resource "aws_subnet" "d" {
  vpc_id                  = aws_vpc.d.id
  cidr_block              = "10.4.0.0/24"
  map_public_ip_on_launch = true # expect: aws-vpc-subnet-auto-assigns-public-ip
}

resource "aws_route_table_association" "d" {
  subnet_id      = aws_subnet.d.id
  route_table_id = aws_route_table.d.id
}

resource "aws_security_group" "d_lb" {
  name   = "d-lb"
  vpc_id = aws_vpc.d.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "d_app" {
  name   = "d-app"
  vpc_id = aws_vpc.d.id

  ingress {
    from_port       = 8080
    to_port         = 8080
    protocol        = "tcp"
    security_groups = [aws_security_group.d_lb.id]
  }
}

resource "aws_lb" "d" { # expect: aws-elb-load-balancer-internet-facing
  name            = "d"
  subnets         = [aws_subnet.d.id]
  security_groups = [aws_security_group.d_lb.id]
}

resource "aws_lb_listener" "d_https" {
  load_balancer_arn = aws_lb.d.arn
  port              = 443
  protocol          = "HTTPS"
}

resource "aws_instance" "d" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.d.id
  vpc_security_group_ids = [aws_security_group.d_app.id]
}
# also-expect: aws-vpc-subnet-auto-assigns-public-ip, aws-elb-load-balancer-internet-facing
