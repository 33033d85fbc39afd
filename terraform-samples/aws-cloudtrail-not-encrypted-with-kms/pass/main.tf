variable "kms_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

variable "log_group_arn" {
  type    = string
  default = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
}

variable "delivery_role_arn" {
  type    = string
  default = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}

resource "aws_kms_key" "trail" {
  description         = "CloudTrail log files"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "key_by_reference" {
  name                       = "key-by-reference"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.trail.arn
  cloud_watch_logs_group_arn = var.log_group_arn
  cloud_watch_logs_role_arn  = var.delivery_role_arn
}

resource "aws_cloudtrail" "key_by_arn" {
  name                       = "key-by-arn"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.kms_key_arn
  cloud_watch_logs_group_arn = var.log_group_arn
  cloud_watch_logs_role_arn  = var.delivery_role_arn
}
