resource "aws_ecr_repository_policy" "good_jsonencode" {
  repository = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Org", Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]
}
EOF
}

resource "aws_ecr_repository_policy" "good_heredoc" {
  repository = "app"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid     = "Org"
    actions = ["ecr:BatchGetImage"]
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

resource "aws_ecr_repository_policy" "good_document" {
  repository = "app"
  policy = data.aws_iam_policy_document.good.json
}
