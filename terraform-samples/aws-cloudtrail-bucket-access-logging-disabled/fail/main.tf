resource "aws_s3_bucket" "trail" {
  bucket = "org-trail-logs"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id # expect: aws-cloudtrail-bucket-access-logging-disabled
}

# The bucket is found through the reference, although its name is known only after apply.
data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "per_account" {
  bucket = "trail-logs-${data.aws_caller_identity.current.account_id}"
}

resource "aws_cloudtrail" "per_account" {
  name           = "per-account"
  s3_bucket_name = aws_s3_bucket.per_account.bucket # expect: aws-cloudtrail-bucket-access-logging-disabled
}
