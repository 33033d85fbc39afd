# A quarter of the address space is about a quarter of the internet: not the internet.
resource "aws_security_group" "quarter" {
  name        = "quarter"
  description = "Web servers for one large range"

  ingress {
    description = "HTTP from a quarter of the address space"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["64.0.0.0/2"]
  }
}
