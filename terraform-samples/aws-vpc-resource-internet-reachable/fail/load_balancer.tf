# An internet-facing load balancer with a listener on an application port.
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
  vpc_id     = aws_vpc.d.id
  cidr_block = "10.4.0.0/24"
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

  ingress {
    from_port   = 9090
    to_port     = 9090
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-port-open-to-internet
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

resource "aws_lb_listener" "d_metrics" {
  load_balancer_arn = aws_lb.d.arn
  port              = 9090
  protocol          = "HTTP"
}
# also-expect: aws-vpc-sg-port-open-to-internet, aws-elb-load-balancer-internet-facing
