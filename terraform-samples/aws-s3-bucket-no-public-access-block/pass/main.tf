# Linked by reference.
resource "aws_s3_bucket" "by_reference" {
  bucket = "tfscan-sample-by-reference"
}

resource "aws_s3_bucket_public_access_block" "by_reference" {
  bucket                  = aws_s3_bucket.by_reference.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "by_reference" {
  bucket = aws_s3_bucket.by_reference.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_reference" {
  bucket = aws_s3_bucket.by_reference.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# Linked by the literal bucket name.
resource "aws_s3_bucket" "by_name" {
  bucket = "tfscan-sample-by-name"
}

resource "aws_s3_bucket_public_access_block" "by_name" {
  bucket                  = "tfscan-sample-by-name"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "by_name" {
  bucket = "tfscan-sample-by-name"
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = "tfscan-sample-by-name"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# Linked through a reference to the bucket's name, which is known only after apply.
data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "per_account" {
  bucket = "tfscan-sample-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_public_access_block" "per_account" {
  bucket                  = aws_s3_bucket.per_account.bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "per_account" {
  bucket = aws_s3_bucket.per_account.bucket
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "per_account" {
  bucket = aws_s3_bucket.per_account.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
