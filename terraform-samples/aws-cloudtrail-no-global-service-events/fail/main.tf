locals {
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  log_group   = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
  log_role    = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

resource "aws_cloudtrail" "without_global_events" {
  name                          = "without-global-events"
  s3_bucket_name                = "tfscan-sample-trail"
  include_global_service_events = false # expect: aws-cloudtrail-no-global-service-events
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = local.kms_key_arn
  cloud_watch_logs_group_arn    = local.log_group
  cloud_watch_logs_role_arn     = local.log_role
}

# It includes them, but a trail that does not log records nothing.
resource "aws_cloudtrail" "stopped" {
  name                       = "stopped"
  s3_bucket_name             = "tfscan-sample-trail"
  enable_logging             = false
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = local.kms_key_arn
  cloud_watch_logs_group_arn = local.log_group
  cloud_watch_logs_role_arn  = local.log_role
}
