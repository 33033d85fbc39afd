locals {
  encrypt = false
}

resource "aws_ebs_volume" "default" { # expect: aws-ebs-volume-not-encrypted
  availability_zone = "eu-west-1a"
  size              = 10
}

resource "aws_ebs_volume" "from_local" {
  availability_zone = "eu-west-1a"
  size              = 10
  encrypted         = local.encrypt # expect: aws-ebs-volume-not-encrypted
}
