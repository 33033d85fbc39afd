locals {
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  log_group   = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
  log_role    = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

# Global service events in one trail only, as AWS advises to avoid duplicates.
resource "aws_cloudtrail" "with_global_events" {
  name                       = "with-global-events"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = local.kms_key_arn
  cloud_watch_logs_group_arn = local.log_group
  cloud_watch_logs_role_arn  = local.log_role

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "without_global_events" {
  name                          = "without-global-events"
  s3_bucket_name                = "tfscan-sample-trail"
  include_global_service_events = false
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = local.kms_key_arn
  cloud_watch_logs_group_arn    = local.log_group
  cloud_watch_logs_role_arn     = local.log_role
}
