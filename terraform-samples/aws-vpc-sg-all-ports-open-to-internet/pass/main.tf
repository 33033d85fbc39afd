resource "aws_security_group" "internal" {
  name = "internal"

  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/8", "172.16.0.0/12"]
  }

  ingress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    self      = true
  }
}

resource "aws_security_group_rule" "almost_everything" {
  type              = "ingress"
  security_group_id = aws_security_group.internal.id
  protocol          = "tcp"
  from_port         = 1024
  to_port           = 1999
  cidr_blocks       = ["192.168.0.0/16"]
}
