variable "rotate" {
  type    = bool
  default = false
}

resource "aws_kms_key" "defaulted" { # expect: aws-kms-key-rotation-disabled
  description = "Left out: no rotation"
  policy      = data.aws_iam_policy_document.key.json
}

resource "aws_kms_key" "from_variable" {
  description         = "Rotation turned off through a variable"
  enable_key_rotation = var.rotate # expect: aws-kms-key-rotation-disabled
  policy              = data.aws_iam_policy_document.key.json
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}
