variable "kms_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "cloudtrail"
  retention_in_days = 365
  kms_key_id        = var.kms_key_arn
}

resource "aws_cloudtrail" "by_reference" { # expect: aws-cloudtrail-no-s3-data-events
  name                       = "by-reference"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.kms_key_arn
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*" # expect: aws-cloudwatch-no-cloudtrail-change-alarm, aws-cloudwatch-no-cmk-disable-alarm, aws-cloudwatch-no-config-change-alarm, aws-cloudwatch-no-console-login-failure-alarm, aws-cloudwatch-no-console-login-without-mfa-alarm, aws-cloudwatch-no-iam-policy-change-alarm, aws-cloudwatch-no-nacl-change-alarm, aws-cloudwatch-no-network-gateway-change-alarm, aws-cloudwatch-no-organizations-change-alarm, aws-cloudwatch-no-root-usage-alarm, aws-cloudwatch-no-route-table-change-alarm, aws-cloudwatch-no-s3-bucket-policy-change-alarm, aws-cloudwatch-no-security-group-change-alarm, aws-cloudwatch-no-unauthorized-api-call-alarm, aws-cloudwatch-no-vpc-change-alarm
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

resource "aws_cloudtrail" "by_arn" { # expect: aws-cloudtrail-no-s3-data-events
  name                       = "by-arn"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.kms_key_arn
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*" # expect: aws-cloudwatch-no-cloudtrail-change-alarm, aws-cloudwatch-no-cmk-disable-alarm, aws-cloudwatch-no-config-change-alarm, aws-cloudwatch-no-console-login-failure-alarm, aws-cloudwatch-no-console-login-without-mfa-alarm, aws-cloudwatch-no-iam-policy-change-alarm, aws-cloudwatch-no-nacl-change-alarm, aws-cloudwatch-no-network-gateway-change-alarm, aws-cloudwatch-no-organizations-change-alarm, aws-cloudwatch-no-root-usage-alarm, aws-cloudwatch-no-route-table-change-alarm, aws-cloudwatch-no-s3-bucket-policy-change-alarm, aws-cloudwatch-no-security-group-change-alarm, aws-cloudwatch-no-unauthorized-api-call-alarm, aws-cloudwatch-no-vpc-change-alarm
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}
