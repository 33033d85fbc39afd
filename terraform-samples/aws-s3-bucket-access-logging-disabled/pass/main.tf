# Provider v3 style: the inline block.
resource "aws_s3_bucket" "inline" {
  bucket = "tfscan-sample-inline"

  logging {
    target_bucket = "tfscan-sample-access-logs"
    target_prefix = "inline/"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}

# Provider v4+ style, linked by reference.
resource "aws_s3_bucket" "by_reference" {
  bucket = "tfscan-sample-by-reference"
}

resource "aws_s3_bucket_logging" "by_reference" {
  bucket        = aws_s3_bucket.by_reference.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "by-reference/"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_reference" {
  bucket = aws_s3_bucket.by_reference.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# Provider v4+ style, linked by the literal bucket name.
resource "aws_s3_bucket" "by_name" {
  bucket = "tfscan-sample-by-name"
}

resource "aws_s3_bucket_logging" "by_name" {
  bucket        = "tfscan-sample-by-name"
  target_bucket = "tfscan-sample-access-logs"
  target_prefix = "by-name/"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = aws_s3_bucket.by_name.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# The log bucket itself receives access logs and is not judged.
resource "aws_s3_bucket" "access_logs" {
  bucket = "tfscan-sample-access-logs"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  bucket = aws_s3_bucket.access_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# A bucket that the log delivery group writes to is a log bucket too.
resource "aws_s3_bucket" "legacy_logs" {
  bucket = "tfscan-sample-legacy-logs"
}

resource "aws_s3_bucket_acl" "legacy_logs" {
  bucket = aws_s3_bucket.legacy_logs.id
  acl    = "log-delivery-write"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "legacy_logs" {
  bucket = aws_s3_bucket.legacy_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
