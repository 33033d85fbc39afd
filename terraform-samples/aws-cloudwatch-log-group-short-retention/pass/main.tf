resource "aws_cloudwatch_log_group" "one_year" {
  name              = "/app/one-year"
  retention_in_days = 365
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit/trail"
  retention_in_days = 2557
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Kept forever, on purpose.
resource "aws_cloudwatch_log_group" "forever" {
  name              = "/audit/forever"
  retention_in_days = 0
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
