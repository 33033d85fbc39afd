resource "aws_iam_role" "bad_jsonencode" {
  name = "app"
  assume_role_policy = jsonencode({  # expect: aws-iam-role-trust-any-principal
    Version   = "2012-10-17"
    Statement = [{ Sid = "Anyone", Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Anyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]
}
EOF
}

resource "aws_iam_role" "bad_heredoc" {
  name = "app"
  assume_role_policy = local.bad_heredoc  # expect: aws-iam-role-trust-any-principal
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "Anyone"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "bad_document" {
  name = "app"
  assume_role_policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-role-trust-any-principal
}
