resource "aws_iam_policy" "good_jsonencode" {
  name = "good-jsonencode"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Buckets", Effect = "Allow", Action = ["s3:Get*", "s3:Put*"], Resource = "arn:aws:s3:::app-data/*" }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Buckets", "Effect": "Allow", "Action": ["s3:Get*", "s3:Put*"], "Resource": "arn:aws:s3:::app-data/*"}]
}
EOF
}

resource "aws_iam_policy" "good_heredoc" {
  name   = "good-heredoc"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid       = "Buckets"
    actions   = ["s3:Get*", "s3:Put*"]
    resources = ["arn:aws:s3:::app-data/*"]
  }
}

resource "aws_iam_policy" "good_document" {
  name   = "good-document"
  policy = data.aws_iam_policy_document.good.json
}
