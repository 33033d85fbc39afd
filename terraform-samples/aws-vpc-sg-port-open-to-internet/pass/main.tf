resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port        = 80
    to_port          = 80
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"] # expect: aws-vpc-sg-http-open-to-internet
    ipv6_cidr_blocks = ["::/0"]
  }

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  # Ping is not a port: aws-vpc-sg-icmp-open-to-internet reports it, not this check.
  ingress {
    from_port   = -1
    to_port     = -1
    protocol    = "icmp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-icmp-open-to-internet
  }

  ingress {
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
# also-expect: aws-vpc-sg-http-open-to-internet, aws-vpc-sg-icmp-open-to-internet
