resource "aws_s3_bucket" "uploads" { # expect: aws-s3-bucket-access-logging-disabled
  bucket = "tfscan-sample-uploads"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

# The logging configuration exists but belongs to another bucket.
resource "aws_s3_bucket" "reports" { # expect: aws-s3-bucket-access-logging-disabled
  bucket = "tfscan-sample-reports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = aws_s3_bucket.reports.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_logging" "elsewhere" {
  bucket        = "tfscan-sample-elsewhere"
  target_bucket = "tfscan-sample-access-logs"
  target_prefix = "elsewhere/"
}
