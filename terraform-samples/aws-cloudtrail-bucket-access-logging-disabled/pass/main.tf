resource "aws_s3_bucket" "access_logs" { # expect: aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "org-access-logs"
}

resource "aws_s3_bucket" "trail" { # expect: aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "org-trail-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}

resource "aws_cloudtrail" "main" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "legacy_trail" { # expect: aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "legacy-trail-logs"
  logging {
    target_bucket = "org-access-logs"
    target_prefix = "legacy-trail/"
  }
}

resource "aws_cloudtrail" "legacy" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "legacy"
  s3_bucket_name = "legacy-trail-logs"
}

# A bucket looked up by a data source is configured elsewhere: undecided, not reported.
data "aws_s3_bucket" "shared" {
  bucket = "org-shared-trail-logs"
}

resource "aws_cloudtrail" "shared" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "shared"
  s3_bucket_name = data.aws_s3_bucket.shared.id
}
