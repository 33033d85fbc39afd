resource "aws_kms_key" "app" {
  description         = "Application data"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

# Provider v4+ style, with a key declared in this configuration.
resource "aws_s3_bucket" "with_key" {
  bucket = "tfscan-sample-with-key"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "with_key" {
  bucket = aws_s3_bucket.with_key.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.app.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "with_key" {
  bucket                  = aws_s3_bucket.with_key.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "with_key" {
  bucket = aws_s3_bucket.with_key.id
  versioning_configuration {
    status = "Enabled"
  }
}
