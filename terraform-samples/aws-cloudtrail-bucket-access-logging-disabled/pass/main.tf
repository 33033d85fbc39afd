resource "aws_s3_bucket" "access_logs" {
  bucket = "org-access-logs"
}

resource "aws_s3_bucket" "trail" {
  bucket = "org-trail-logs"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "legacy_trail" {
  bucket = "legacy-trail-logs"
  logging {
    target_bucket = "org-access-logs"
    target_prefix = "legacy-trail/"
  }
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = "legacy-trail-logs"
}

# A bucket looked up by a data source is configured elsewhere: undecided, not reported.
data "aws_s3_bucket" "shared" {
  bucket = "org-shared-trail-logs"
}

resource "aws_cloudtrail" "shared" {
  name           = "shared"
  s3_bucket_name = data.aws_s3_bucket.shared.id
}
