resource "aws_cloudtrail" "management_only" { # expect: aws-cloudtrail-no-s3-data-events, aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "main"
  s3_bucket_name = "org-trail-logs"
}

resource "aws_cloudtrail" "lambda_events" { # expect: aws-cloudtrail-no-s3-data-events, aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "functions"
  s3_bucket_name = "org-trail-logs"

  event_selector {
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }
}
