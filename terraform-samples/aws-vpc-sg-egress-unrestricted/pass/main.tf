resource "aws_security_group" "app" {
  name = "app"

  egress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

# No egress rules at all: Terraform removes AWS's default allow-all rule.
resource "aws_security_group" "quiet" {
  name = "quiet"
}
