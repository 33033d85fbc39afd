resource "aws_s3_bucket" "trail_acl" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "org-trail-logs"
}

resource "aws_s3_bucket_acl" "trail_acl" {
  bucket = aws_s3_bucket.trail_acl.id
  acl    = "public-read" # expect: aws-s3-bucket-acl-public-read
}

resource "aws_cloudtrail" "by_reference" { # expect: aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms
  name                          = "main"
  s3_bucket_name                = aws_s3_bucket.trail_acl.id # expect: aws-cloudtrail-bucket-public, aws-cloudtrail-bucket-access-logging-disabled
  is_multi_region_trail         = true
  enable_log_file_validation    = true
}

resource "aws_s3_bucket" "trail_policy" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "audit-trail-logs"
}

resource "aws_s3_bucket_policy" "trail_policy" {
  bucket = aws_s3_bucket.trail_policy.id
  policy = jsonencode({ # expect: aws-s3-bucket-policy-public
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::audit-trail-logs/*"
    }]
  })
}

resource "aws_cloudtrail" "by_name" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "audit"
  s3_bucket_name = "audit-trail-logs" # expect: aws-cloudtrail-bucket-public, aws-cloudtrail-bucket-access-logging-disabled
}
