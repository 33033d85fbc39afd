resource "aws_security_group" "app" {
  name = "app"

  ingress {
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-port-open-to-internet
  }
}

resource "aws_vpc_security_group_ingress_rule" "node_dev_server" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "tcp"
  from_port         = 3000
  to_port           = 3001
  cidr_ipv6         = "::/0" # expect: aws-vpc-sg-port-open-to-internet
}

resource "aws_security_group_rule" "wireguard" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  protocol          = "udp"
  from_port         = 51820
  to_port           = 51820
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-port-open-to-internet
}
