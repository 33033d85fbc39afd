# No public access block at all.
resource "aws_s3_bucket" "bare" { # expect: aws-s3-bucket-no-public-access-block
  bucket = "tfscan-sample-bare"
}

resource "aws_s3_bucket_versioning" "bare" {
  bucket = aws_s3_bucket.bare.id
  versioning_configuration {
    status = "Enabled"
  }
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

# The only public access block belongs to another bucket.
resource "aws_s3_bucket" "neighbour" { # expect: aws-s3-bucket-no-public-access-block
  bucket = "tfscan-sample-neighbour"
}

resource "aws_s3_bucket_versioning" "neighbour" {
  bucket = aws_s3_bucket.neighbour.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "neighbour" {
  bucket = aws_s3_bucket.neighbour.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "other" {
  bucket                  = "tfscan-sample-some-other-bucket"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
