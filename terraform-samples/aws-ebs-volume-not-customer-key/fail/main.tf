variable "ebs_key" {
  type    = string
  default = "alias/aws/ebs"
}

# No key: the account default, aws/ebs.
resource "aws_ebs_volume" "default_key" { # expect: aws-ebs-volume-not-customer-key
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

resource "aws_ebs_volume" "aws_managed" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = var.ebs_key # expect: aws-ebs-volume-not-customer-key
}
