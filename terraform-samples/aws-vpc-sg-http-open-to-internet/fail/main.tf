resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"

  ingress {
    description = "HTTP straight to the servers"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-http-open-to-internet
  }
}

resource "aws_vpc_security_group_ingress_rule" "app_v6" {
  security_group_id = aws_security_group.app.id
  description       = "HTTP over IPv6"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-http-open-to-internet
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.app.id]
}
