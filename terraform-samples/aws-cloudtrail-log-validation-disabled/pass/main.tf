locals {
  validate = true
}

resource "aws_cloudtrail" "validated" {
  name                       = "validated"
  s3_bucket_name             = "tfscan-sample-trail"
  enable_log_file_validation = local.validate
}
