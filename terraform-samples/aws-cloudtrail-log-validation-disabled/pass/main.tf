locals {
  validate = true
}

resource "aws_cloudtrail" "validated" {
  name                       = "validated"
  s3_bucket_name             = "tfscan-sample-trail"
  enable_log_file_validation = local.validate
  is_multi_region_trail      = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}
