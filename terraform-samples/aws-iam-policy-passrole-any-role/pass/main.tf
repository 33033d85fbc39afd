resource "aws_iam_policy" "good_jsonencode" {
  name = "good-jsonencode"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Pass", Effect = "Allow", Action = ["iam:PassRole"], Resource = "arn:aws:iam::123456789012:role/lambda-app" }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Pass", "Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "arn:aws:iam::123456789012:role/lambda-app"}]
}
EOF
}

resource "aws_iam_policy" "good_heredoc" {
  name   = "good-heredoc"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/lambda-app"]
  }
}

resource "aws_iam_policy" "good_document" {
  name   = "good-document"
  policy = data.aws_iam_policy_document.good.json
}
