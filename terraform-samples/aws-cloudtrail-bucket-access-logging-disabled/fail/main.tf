resource "aws_s3_bucket" "trail" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "org-trail-logs"
}

resource "aws_cloudtrail" "main" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id # expect: aws-cloudtrail-bucket-access-logging-disabled
}

# The bucket is found through the reference, although its name is known only after apply.
data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "per_account" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "trail-logs-${data.aws_caller_identity.current.account_id}"
}

resource "aws_cloudtrail" "per_account" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "per-account"
  s3_bucket_name = aws_s3_bucket.per_account.bucket # expect: aws-cloudtrail-bucket-access-logging-disabled
}
