resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-s3-full-access
    Version   = "2012-10-17"
    Statement = [{ Sid = "Buckets", Effect = "Allow", Action = ["s3:Get*", "s3:Put*"], Resource = "*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Buckets", "Effect": "Allow", "Action": ["s3:Get*", "s3:Put*"], "Resource": "*"}]
}
EOF
}

resource "aws_iam_policy" "bad_heredoc" {
  name   = "bad-heredoc"
  policy = local.bad_heredoc  # expect: aws-iam-policy-s3-full-access
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "Buckets"
    actions   = ["s3:Get*", "s3:Put*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "bad_document" {
  name   = "bad-document"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-s3-full-access
}
