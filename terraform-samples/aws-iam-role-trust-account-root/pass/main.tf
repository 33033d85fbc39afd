resource "aws_iam_role" "good_jsonencode" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Deployer", Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:role/deployer" }, Action = "sts:AssumeRole" }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Deployer", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/deployer"}, "Action": "sts:AssumeRole"}]
}
EOF
}

resource "aws_iam_role" "good_heredoc" {
  name = "app"
  assume_role_policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid     = "Deployer"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/deployer"]
    }
  }
}

resource "aws_iam_role" "good_document" {
  name = "app"
  assume_role_policy = data.aws_iam_policy_document.good.json
}
