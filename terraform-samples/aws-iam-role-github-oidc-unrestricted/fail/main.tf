resource "aws_iam_role" "bad_jsonencode" {
  name = "app"
  assume_role_policy = jsonencode({  # expect: aws-iam-role-github-oidc-unrestricted
    Version   = "2012-10-17"
    Statement = [{ Sid = "GitHub", Effect = "Allow", Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Action = "sts:AssumeRoleWithWebIdentity", Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:*" } } }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "GitHub", "Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}}]
}
EOF
}

resource "aws_iam_role" "bad_heredoc" {
  name = "app"
  assume_role_policy = local.bad_heredoc  # expect: aws-iam-role-github-oidc-unrestricted
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "GitHub"
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "bad_document" {
  name = "app"
  assume_role_policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-role-github-oidc-unrestricted
}
