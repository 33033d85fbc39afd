resource "aws_glacier_vault" "good_jsonencode" {
  name = "archive"
  access_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Org", Effect = "Allow", Principal = "*", Action = "glacier:InitiateJob", Resource = "arn:aws:glacier:eu-west-1:123456789012:vaults/archive", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "glacier:InitiateJob", "Resource": "arn:aws:glacier:eu-west-1:123456789012:vaults/archive", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]
}
EOF
}

resource "aws_glacier_vault" "good_heredoc" {
  name = "archive"
  access_policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid     = "Org"
    actions = ["glacier:InitiateJob"]
    resources = ["arn:aws:glacier:eu-west-1:123456789012:vaults/archive"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

resource "aws_glacier_vault" "good_document" {
  name = "archive"
  access_policy = data.aws_iam_policy_document.good.json
}
