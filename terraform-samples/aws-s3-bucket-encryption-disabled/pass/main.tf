# Provider v3 style: the inline block.
resource "aws_s3_bucket" "inline" {
  bucket = "tfscan-sample-inline"

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
  bucket_prefix = "tfscan-sample-"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_reference" {
  bucket = aws_s3_bucket.by_reference.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Provider v4+ style, linked by the literal bucket name.
resource "aws_s3_bucket" "by_name" {
  bucket = "tfscan-sample-by-name"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = "tfscan-sample-by-name"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
