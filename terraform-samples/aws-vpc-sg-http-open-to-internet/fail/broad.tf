# Two halves of the address space minus a quarter: more than half of the IPv4
# internet, so the internet (minus what it leaves out).
resource "aws_security_group" "most" {
  name        = "most"
  description = "Web servers without a load balancer"

  ingress {
    description = "HTTP from most of the internet"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/1", "128.0.0.0/2"] # expect: aws-vpc-sg-http-open-to-internet
  }
}
