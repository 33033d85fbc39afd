resource "aws_ecr_repository_policy" "bad_jsonencode" {
  repository = "app"
  policy = jsonencode({  # expect: aws-ecr-repository-policy-public
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}]
}
EOF
}

resource "aws_ecr_repository_policy" "bad_heredoc" {
  repository = "app"
  policy = local.bad_heredoc  # expect: aws-ecr-repository-policy-public
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "Public"
    actions = ["ecr:BatchGetImage"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_ecr_repository_policy" "bad_document" {
  repository = "app"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-ecr-repository-policy-public
}
