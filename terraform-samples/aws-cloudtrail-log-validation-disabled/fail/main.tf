resource "aws_cloudtrail" "default" { # expect: aws-cloudtrail-log-validation-disabled
  name           = "default"
  s3_bucket_name = "tfscan-sample-trail"
}

resource "aws_cloudtrail" "explicit" {
  name                       = "explicit"
  s3_bucket_name             = "tfscan-sample-trail"
  enable_log_file_validation = false # expect: aws-cloudtrail-log-validation-disabled
}
