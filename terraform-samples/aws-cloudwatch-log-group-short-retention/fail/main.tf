variable "retention_days" {
  type    = number
  default = 30
}

resource "aws_cloudwatch_log_group" "forever_by_default" { # expect: aws-cloudwatch-log-group-short-retention
  name       = "/app/forever"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudwatch_log_group" "one_week" {
  name              = "/app/one-week"
  retention_in_days = 7 # expect: aws-cloudwatch-log-group-short-retention
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudwatch_log_group" "through_variable" {
  name              = "/app/through-variable"
  retention_in_days = var.retention_days # expect: aws-cloudwatch-log-group-short-retention
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
