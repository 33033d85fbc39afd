variable "sizes" {
  type    = map(number)
  default = { small = 8, large = 64 }
}
variable "choice" { default = "medium" }
resource "aws_ebs_volume" "v" {
  availability_zone = "eu-west-1a"
  size              = lookup(var.sizes, var.choice, 16)
  encrypted         = contains(["large", "medium"], var.choice)
}
