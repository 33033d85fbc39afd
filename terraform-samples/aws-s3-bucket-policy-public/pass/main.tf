resource "aws_s3_bucket_policy" "good_jsonencode" {
  bucket = "app-data"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Org", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-data/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]
}
EOF
}

resource "aws_s3_bucket_policy" "good_heredoc" {
  bucket = "app-data"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid     = "Org"
    actions = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
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

resource "aws_s3_bucket_policy" "good_document" {
  bucket = "app-data"
  policy = data.aws_iam_policy_document.good.json
}
