variable "strict" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "all_on" {
  bucket                  = "tfscan-sample-all-on"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "from_variable" {
  bucket                  = "tfscan-sample-from-variable"
  block_public_acls       = var.strict
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
