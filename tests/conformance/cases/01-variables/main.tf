variable "name" {
  type    = string
  default = "alpha"
}
variable "size" {
  type    = number
  default = "12"
}
variable "flags" {
  type = object({
    encrypted = bool
    iops      = optional(number, 3000)
  })
  default = { encrypted = "true" }
}
resource "aws_ebs_volume" "v" {
  availability_zone = "eu-west-1a"
  size              = var.size
  encrypted         = var.flags.encrypted
  iops              = var.flags.iops
  type              = "gp3"
  tags              = { Name = var.name }
}
