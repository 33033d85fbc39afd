variable "azs" { default = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
resource "aws_ebs_volume" "v" {
  count             = length(var.azs)
  availability_zone = element(var.azs, count.index)
  size              = count.index == 0 ? 8 : 16
  tags              = { Name = "vol-${count.index + 1}-of-${length(var.azs)}" }
}
