resource "aws_s3_bucket" "no_policy" { # expect: aws-s3-bucket-policy-allows-http
  bucket = "app-uploads"
}

resource "aws_s3_bucket" "allow_only" { # expect: aws-s3-bucket-policy-allows-http
  bucket = "app-reports"
}

resource "aws_s3_bucket_policy" "allow_only" {
  bucket = aws_s3_bucket.allow_only.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "ReadForRole"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/reporting" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::app-reports/*"
    }]
  })
}

# Denying only writes without TLS still lets reads travel in clear text.
resource "aws_s3_bucket" "puts_only" { # expect: aws-s3-bucket-policy-allows-http
  bucket = "app-archive"
}

resource "aws_s3_bucket_policy" "puts_only" {
  bucket = "app-archive"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutObject"
      Resource  = "arn:aws:s3:::app-archive/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
