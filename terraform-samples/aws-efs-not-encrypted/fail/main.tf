locals {
  encrypt = false
}

resource "aws_efs_file_system" "defaulted" { # expect: aws-efs-not-encrypted
  creation_token = "defaulted"
}

resource "aws_efs_file_system" "from_local" {
  creation_token = "from-local"
  encrypted      = local.encrypt # expect: aws-efs-not-encrypted
}
