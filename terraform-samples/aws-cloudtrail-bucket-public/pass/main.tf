resource "aws_s3_bucket" "trail" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-no-public-access-block, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "org-trail-logs"
}

resource "aws_s3_bucket_policy" "trail" {
  bucket = aws_s3_bucket.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudTrailWrite"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::org-trail-logs/AWSLogs/123456789012/*"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}

resource "aws_cloudtrail" "main" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id # expect: aws-cloudtrail-bucket-access-logging-disabled
}

# A public ACL that a public access block makes S3 ignore.
resource "aws_s3_bucket" "blocked" { # expect: aws-s3-bucket-access-logging-disabled, aws-s3-bucket-encryption-disabled, aws-s3-bucket-policy-allows-http, aws-s3-bucket-versioning-disabled
  bucket = "audit-trail-logs"
  acl    = "public-read" # expect: aws-s3-bucket-acl-public-read
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudtrail" "audit" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-no-s3-data-events, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "audit"
  s3_bucket_name = aws_s3_bucket.blocked.bucket # expect: aws-cloudtrail-bucket-access-logging-disabled
}
