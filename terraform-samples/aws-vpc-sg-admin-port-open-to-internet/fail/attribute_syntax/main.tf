# Rules written as attributes (`ingress = [{ ... }]`) set the same rules as blocks.
resource "aws_security_group" "attribute_syntax" {
  name        = "attribute-syntax"
  description = "SSH written as an attribute"

  ingress = [{
    description      = "ssh"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
    ipv6_cidr_blocks = ["::/0"]
    prefix_list_ids  = []
    security_groups  = []
    self             = false
  }]
  egress = []
}

# A range over administrative ports is that exposure; the message names the range.
resource "aws_security_group_rule" "low_range" {
  type              = "ingress"
  security_group_id = aws_security_group.attribute_syntax.id
  description       = "everything below 1024"
  protocol          = "tcp"
  from_port         = 0
  to_port           = 1023
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
}
