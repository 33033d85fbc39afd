resource "aws_glacier_vault" "bad_jsonencode" {
  name = "archive"
  access_policy = jsonencode({  # expect: aws-glacier-vault-policy-public
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = "glacier:InitiateJob", Resource = "arn:aws:glacier:eu-west-1:123456789012:vaults/archive" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "glacier:InitiateJob", "Resource": "arn:aws:glacier:eu-west-1:123456789012:vaults/archive"}]
}
EOF
}

resource "aws_glacier_vault" "bad_heredoc" {
  name = "archive"
  access_policy = local.bad_heredoc  # expect: aws-glacier-vault-policy-public
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "Public"
    actions = ["glacier:InitiateJob"]
    resources = ["arn:aws:glacier:eu-west-1:123456789012:vaults/archive"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_glacier_vault" "bad_document" {
  name = "archive"
  access_policy = data.aws_iam_policy_document.bad.json  # expect: aws-glacier-vault-policy-public
}
