variable "kms_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudtrail" "s3_only" { # expect: aws-cloudtrail-no-cloudwatch-logs
  name                       = "s3-only"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.kms_key_arn
}

resource "aws_cloudtrail" "no_role" { # expect: aws-cloudtrail-no-cloudwatch-logs
  name                       = "no-role"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.kms_key_arn
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
}
