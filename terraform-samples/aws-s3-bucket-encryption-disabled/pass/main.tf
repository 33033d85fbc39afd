# Provider v3 style: the inline block.
resource "aws_s3_bucket" "inline" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket = "tfscan-sample-inline"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default { # expect: aws-s3-bucket-encryption-not-customer-key
        sse_algorithm = "aws:kms"
      }
    }
  }
}

# Provider v4+ style, linked by reference.
resource "aws_s3_bucket" "by_reference" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket_prefix = "tfscan-sample-"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_reference" {
  bucket = aws_s3_bucket.by_reference.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: aws-s3-bucket-encryption-not-customer-key
    }
  }
}

# Provider v4+ style, linked by the literal bucket name.
resource "aws_s3_bucket" "by_name" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket = "tfscan-sample-by-name"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = "tfscan-sample-by-name"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: aws-s3-bucket-encryption-not-customer-key
    }
  }
}
