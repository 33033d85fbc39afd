resource "aws_s3_bucket" "trail_acl" {
  bucket = "org-trail-logs"
}

resource "aws_s3_bucket_acl" "trail_acl" {
  bucket = aws_s3_bucket.trail_acl.id
  acl    = "public-read"
}

resource "aws_cloudtrail" "by_reference" {
  name                          = "main"
  s3_bucket_name                = aws_s3_bucket.trail_acl.id # expect: aws-cloudtrail-bucket-public
  is_multi_region_trail         = true
  enable_log_file_validation    = true
}

resource "aws_s3_bucket" "trail_policy" {
  bucket = "audit-trail-logs"
}

resource "aws_s3_bucket_policy" "trail_policy" {
  bucket = aws_s3_bucket.trail_policy.id
  policy = jsonencode({
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

resource "aws_cloudtrail" "by_name" {
  name           = "audit"
  s3_bucket_name = "audit-trail-logs" # expect: aws-cloudtrail-bucket-public
}
