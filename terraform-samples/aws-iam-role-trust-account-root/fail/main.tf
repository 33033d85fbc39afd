resource "aws_iam_role" "bad_jsonencode" {
  name = "app"
  assume_role_policy = jsonencode({  # expect: aws-iam-role-trust-account-root
    Version   = "2012-10-17"
    Statement = [{ Sid = "Account", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "sts:AssumeRole" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Account", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}]
}
EOF
}

resource "aws_iam_role" "bad_heredoc" {
  name = "app"
  assume_role_policy = local.bad_heredoc  # expect: aws-iam-role-trust-account-root
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "Account"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["123456789012"]
    }
  }
}

resource "aws_iam_role" "bad_document" {
  name = "app"
  assume_role_policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-role-trust-account-root
}
