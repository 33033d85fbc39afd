variable "rules" {
  default = [
    { port = 443, cidrs = ["0.0.0.0/0"] },
    { port = 22, cidrs = ["10.0.0.0/8", "192.168.0.0/16"] },
  ]
}
resource "aws_security_group" "sg" {
  name = "dyn"
  dynamic "ingress" {
    for_each = var.rules
    content {
      description = "port ${ingress.value.port}"
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }
}
