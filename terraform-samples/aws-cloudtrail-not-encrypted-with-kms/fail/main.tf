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

variable "trail_key" {
  type    = string
  default = null
}

resource "aws_cloudtrail" "default" { # expect: aws-cloudtrail-not-encrypted-with-kms
  name                       = "default"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  cloud_watch_logs_group_arn = var.log_group_arn
  cloud_watch_logs_role_arn  = var.delivery_role_arn
}

# A null value is the same as leaving the argument out.
resource "aws_cloudtrail" "null_key" {
  name                       = "null-key"
  s3_bucket_name             = "tfscan-sample-trail"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = var.trail_key # expect: aws-cloudtrail-not-encrypted-with-kms
  cloud_watch_logs_group_arn = var.log_group_arn
  cloud_watch_logs_role_arn  = var.delivery_role_arn
}
