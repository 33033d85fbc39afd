variable "strict" {
  type    = bool
  default = false
}

# The setting is left out: the provider default is false.
resource "aws_s3_bucket_public_access_block" "omitted" { # expect: aws-s3-public-access-block-allows-public-buckets
  bucket                  = "tfscan-sample-omitted"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
}

# Explicitly turned off.
resource "aws_s3_bucket_public_access_block" "explicit" {
  bucket                  = "tfscan-sample-explicit"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false # expect: aws-s3-public-access-block-allows-public-buckets
}

# Turned off through a variable.
resource "aws_s3_bucket_public_access_block" "from_variable" {
  bucket                  = "tfscan-sample-from-variable"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.strict # expect: aws-s3-public-access-block-allows-public-buckets
}
