locals {
  sizes = { default = 5, staging = 50 }
}
resource "aws_ebs_volume" "v" {
  availability_zone = "eu-west-1a"
  size              = local.sizes[terraform.workspace]
  tags              = { Workspace = terraform.workspace }
}
