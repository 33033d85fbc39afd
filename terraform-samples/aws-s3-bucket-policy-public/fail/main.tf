resource "aws_s3_bucket_policy" "bad_jsonencode" {
  bucket = "app-data"
  policy = jsonencode({  # expect: aws-s3-bucket-policy-public
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::app-data/*"}]
}
EOF
}

resource "aws_s3_bucket_policy" "bad_heredoc" {
  bucket = "app-data"
  policy = local.bad_heredoc  # expect: aws-s3-bucket-policy-public
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "Public"
    actions = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "bad_document" {
  bucket = "app-data"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-s3-bucket-policy-public
}
