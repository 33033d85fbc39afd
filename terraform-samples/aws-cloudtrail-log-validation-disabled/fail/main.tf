variable "kms_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudtrail" "default" { # expect: aws-cloudtrail-log-validation-disabled
  name                       = "default"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  kms_key_id                 = var.kms_key_arn
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

resource "aws_cloudtrail" "explicit" {
  name                       = "explicit"
  s3_bucket_name             = "tfscan-sample-trail"
  enable_log_file_validation = false # expect: aws-cloudtrail-log-validation-disabled
  is_multi_region_trail      = true
  kms_key_id                 = var.kms_key_arn
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}
