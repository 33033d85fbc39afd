locals {
  versioning_status = "Suspended"
}

# No versioning configuration at all.
resource "aws_s3_bucket" "bare" { # expect: aws-s3-bucket-versioning-disabled
  bucket = "tfscan-sample-bare"
}

resource "aws_s3_bucket_public_access_block" "bare" {
  bucket                  = aws_s3_bucket.bare.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "bare" {
  bucket = aws_s3_bucket.bare.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# Provider v4+ style, suspended through a local, linked by reference.
resource "aws_s3_bucket" "suspended" {
  bucket = "tfscan-sample-suspended"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status = local.versioning_status # expect: aws-s3-bucket-versioning-disabled
  }
}

resource "aws_s3_bucket_public_access_block" "suspended" {
  bucket                  = aws_s3_bucket.suspended.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# Provider v4+ style, disabled, linked by the literal bucket name.
resource "aws_s3_bucket" "disabled" {
  bucket = "tfscan-sample-disabled"
}

resource "aws_s3_bucket_versioning" "disabled" {
  bucket = "tfscan-sample-disabled"
  versioning_configuration {
    status = "Disabled" # expect: aws-s3-bucket-versioning-disabled
  }
}

resource "aws_s3_bucket_public_access_block" "disabled" {
  bucket                  = "tfscan-sample-disabled"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "disabled" {
  bucket = "tfscan-sample-disabled"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# Provider v3 style: the inline block, turned off.
resource "aws_s3_bucket" "inline_off" {
  bucket = "tfscan-sample-inline-off"

  versioning {
    enabled = false # expect: aws-s3-bucket-versioning-disabled
  }
}

resource "aws_s3_bucket_public_access_block" "inline_off" {
  bucket                  = aws_s3_bucket.inline_off.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "inline_off" {
  bucket = aws_s3_bucket.inline_off.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# Provider v3 style: an inline block that leaves `enabled` out (default false).
resource "aws_s3_bucket" "inline_default" {
  bucket = "tfscan-sample-inline-default"

  versioning { # expect: aws-s3-bucket-versioning-disabled
    mfa_delete = false
  }
}

resource "aws_s3_bucket_public_access_block" "inline_default" {
  bucket                  = aws_s3_bucket.inline_default.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "inline_default" {
  bucket = aws_s3_bucket.inline_default.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
