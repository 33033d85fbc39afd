resource "aws_cloudtrail" "management_only" { # expect: aws-cloudtrail-no-s3-data-events
  name           = "main"
  s3_bucket_name = "org-trail-logs"
}

resource "aws_cloudtrail" "lambda_events" { # expect: aws-cloudtrail-no-s3-data-events
  name           = "functions"
  s3_bucket_name = "org-trail-logs"

  event_selector {
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }
}
