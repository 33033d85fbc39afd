resource "aws_security_group" "attribute_syntax" {
  name        = "attribute-syntax"
  description = "SSH from the VPN only, written as an attribute"

  ingress = [{
    description      = "ssh"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.20.0.0/16"]
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    security_groups  = []
    self             = false
  }]
}
