resource "aws_ebs_volume" "encrypted" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = true
}
