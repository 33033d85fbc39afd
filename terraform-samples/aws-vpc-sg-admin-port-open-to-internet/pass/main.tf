variable "enabled" {
  type    = bool
  default = false
}

resource "aws_security_group" "private" {
  name = "private"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "192.168.0.0/16"]
  }

  # Web traffic from anywhere is not administrative.
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  # Outbound SSH is egress, not ingress.
  egress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# A few specific public addresses are not the internet.
resource "aws_security_group_rule" "office" {
  type              = "ingress"
  security_group_id = aws_security_group.private.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["203.0.114.10/32", "198.51.101.7/32"]
}

# count = 0 removes the rule: Terraform never creates it.
resource "aws_security_group_rule" "disabled" {
  count             = var.enabled ? 1 : 0
  type              = "ingress"
  security_group_id = aws_security_group.private.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
}
