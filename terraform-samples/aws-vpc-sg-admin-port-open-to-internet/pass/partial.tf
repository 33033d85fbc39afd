# SSH from a quarter of the address space is a broad rule, but not the internet.
resource "aws_security_group" "a_quarter" {
  name        = "a-quarter"
  description = "SSH from 64.0.0.0/2"

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["64.0.0.0/2"]
  }
}
