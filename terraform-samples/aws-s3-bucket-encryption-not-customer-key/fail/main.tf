variable "s3_key" {
  type    = string
  default = "alias/aws/s3"
}

# No default encryption configuration at all: one finding, by the check that names that
# cause (this check is `covered_by` it, and reports the bucket only when it does not run).
# also-expect: aws-s3-bucket-encryption-disabled
resource "aws_s3_bucket" "bare" { # expect: aws-s3-bucket-encryption-disabled
  bucket = "tfscan-sample-bare"
}

resource "aws_s3_bucket_public_access_block" "bare" {
  bucket                  = aws_s3_bucket.bare.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "bare" {
  bucket = aws_s3_bucket.bare.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Provider v4+ style: SSE-S3, linked by reference.
resource "aws_s3_bucket" "sse_s3" {
  bucket = "tfscan-sample-sse-s3"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sse_s3" {
  bucket = aws_s3_bucket.sse_s3.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: aws-s3-bucket-encryption-not-customer-key
    }
  }
}

resource "aws_s3_bucket_public_access_block" "sse_s3" {
  bucket                  = aws_s3_bucket.sse_s3.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "sse_s3" {
  bucket = aws_s3_bucket.sse_s3.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Provider v4+ style: the AWS-managed key through a variable, linked by name.
resource "aws_s3_bucket" "aws_managed" {
  bucket = "tfscan-sample-aws-managed"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "aws_managed" {
  bucket = "tfscan-sample-aws-managed"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.s3_key # expect: aws-s3-bucket-encryption-not-customer-key
    }
  }
}

resource "aws_s3_bucket_public_access_block" "aws_managed" {
  bucket                  = "tfscan-sample-aws-managed"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "aws_managed" {
  bucket = "tfscan-sample-aws-managed"
  versioning_configuration {
    status = "Enabled"
  }
}

# Provider v3 style: SSE-KMS without a key, which means the AWS-managed key.
resource "aws_s3_bucket" "inline_kms_default" {
  bucket = "tfscan-sample-inline-kms-default"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default { # expect: aws-s3-bucket-encryption-not-customer-key
        sse_algorithm = "aws:kms"
      }
    }
  }
}

resource "aws_s3_bucket_public_access_block" "inline_kms_default" {
  bucket                  = aws_s3_bucket.inline_kms_default.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "inline_kms_default" {
  bucket = aws_s3_bucket.inline_kms_default.id
  versioning_configuration {
    status = "Enabled"
  }
}
