resource "aws_cloudtrail" "management" {
  name           = "main"
  s3_bucket_name = "org-trail-logs"
}

# One trail recording S3 object reads and writes covers the configuration.
resource "aws_cloudtrail" "s3_objects" {
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
