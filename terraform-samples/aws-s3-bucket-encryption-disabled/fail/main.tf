resource "aws_s3_bucket" "plain" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket = "tfscan-sample-plain"
}

# The configuration exists but belongs to another bucket.
resource "aws_s3_bucket" "other" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket = "tfscan-sample-other"
}

resource "aws_s3_bucket" "encrypted" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-versioning-disabled, aws-s3-bucket-policy-allows-http
  bucket = "tfscan-sample-encrypted"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "encrypted" {
  bucket = aws_s3_bucket.encrypted.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # expect: aws-s3-bucket-encryption-not-customer-key
    }
  }
}
