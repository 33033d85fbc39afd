variable "vpc_id" {}
variable "admin" {}

resource "aws_security_group" "this" {
  vpc_id = var.vpc_id

  dynamic "ingress" {
    for_each = [22, 3389]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.admin]
    }
  }
}

resource "aws_instance" "bastion" {
  count                       = 1
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  vpc_security_group_ids      = [aws_security_group.this.id]
  associate_public_ip_address = true
}

output "id" {
  value = aws_security_group.this.id
}
