resource "aws_s3_bucket" "data" {
  bucket = "app-data"
}

data "aws_iam_policy_document" "tls_only" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.tls_only.json
}

# The policy may also be inline, matched by the bucket's name.
resource "aws_s3_bucket" "legacy" {
  bucket = "app-legacy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = "*"
      Resource  = ["arn:aws:s3:::app-legacy", "arn:aws:s3:::app-legacy/*"]
      Condition = { BoolIfExists = { "aws:SecureTransport" = "false" } }
    }]
  })
}
