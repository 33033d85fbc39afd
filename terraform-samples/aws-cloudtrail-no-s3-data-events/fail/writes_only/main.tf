# A separate configuration: its only trail records S3 writes, not reads.
resource "aws_cloudtrail" "writes" { # expect: aws-cloudtrail-no-s3-data-events
  name           = "s3-writes"
  s3_bucket_name = "org-trail-logs"

  event_selector {
    read_write_type = "WriteOnly"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
