resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-wildcard-action
    Version   = "2012-10-17"
    Statement = [{ Sid = "S3", Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::app-data/*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "S3", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::app-data/*"}]
}
EOF
}

resource "aws_iam_policy" "bad_heredoc" {
  name   = "bad-heredoc"
  policy = local.bad_heredoc  # expect: aws-iam-policy-wildcard-action
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "S3"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::app-data/*"]
  }
}

resource "aws_iam_policy" "bad_document" {
  name   = "bad-document"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-wildcard-action
}
