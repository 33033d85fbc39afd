resource "aws_cloudtrail" "management" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "main"
  s3_bucket_name = "org-trail-logs"
}

# One trail recording S3 object reads and writes covers the configuration.
resource "aws_cloudtrail" "s3_objects" { # expect: aws-cloudtrail-log-validation-disabled, aws-cloudtrail-no-cloudwatch-logs, aws-cloudtrail-not-encrypted-with-kms, aws-cloudtrail-not-multi-region
  name           = "s3-objects"
  s3_bucket_name = "org-trail-logs"

  advanced_event_selector {
    name = "S3 object events"
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
  }
}
