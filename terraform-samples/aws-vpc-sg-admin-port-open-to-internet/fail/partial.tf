# Half of the address space written as one block: 0.0.0.0/1 holds more than half of
# the public IPv4 internet, so SSH is open to the internet.
resource "aws_security_group" "half_the_internet" {
  name        = "half-the-internet"
  description = "SSH from the lower half"

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/1"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}
