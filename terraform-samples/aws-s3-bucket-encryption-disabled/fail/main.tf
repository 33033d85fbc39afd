resource "aws_s3_bucket" "plain" { # expect: aws-s3-bucket-encryption-disabled
  bucket = "tfscan-sample-plain"
}

# The configuration exists but belongs to another bucket.
resource "aws_s3_bucket" "other" { # expect: aws-s3-bucket-encryption-disabled
  bucket = "tfscan-sample-other"
}

resource "aws_s3_bucket" "encrypted" {
  bucket = "tfscan-sample-encrypted"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "encrypted" {
  bucket = aws_s3_bucket.encrypted.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
