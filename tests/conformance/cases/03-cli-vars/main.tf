variable "env" { default = "dev" }
variable "sizes" {
  type    = list(number)
  default = [1]
}
resource "aws_ebs_volume" "v" {
  count             = length(var.sizes)
  availability_zone = "eu-west-1a"
  size              = var.sizes[count.index]
  tags              = { Env = var.env }
}
