resource "aws_iam_policy" "good_jsonencode" {
  name = "good-jsonencode"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Policies", Effect = "Allow", Action = ["s3:PutBucketPolicy"], Resource = "arn:aws:s3:::app-logs" }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Policies", "Effect": "Allow", "Action": ["s3:PutBucketPolicy"], "Resource": "arn:aws:s3:::app-logs"}]
}
EOF
}

resource "aws_iam_policy" "good_heredoc" {
  name   = "good-heredoc"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid       = "Policies"
    actions   = ["s3:PutBucketPolicy"]
    resources = ["arn:aws:s3:::app-logs"]
  }
}

resource "aws_iam_policy" "good_document" {
  name   = "good-document"
  policy = data.aws_iam_policy_document.good.json
}
