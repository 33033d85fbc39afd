resource "aws_config_configuration_recorder" "no_group" { # expect: aws-config-recorder-not-recording-all
  name     = "no-group"
  role_arn = "arn:aws:iam::111122223333:role/aws-config"
}

resource "aws_config_configuration_recorder_status" "no_group" {
  name       = aws_config_configuration_recorder.no_group.name
  is_enabled = true
}

resource "aws_config_configuration_recorder" "selected" {
  name     = "selected"
  role_arn = "arn:aws:iam::111122223333:role/aws-config"

  recording_group {
    all_supported  = false # expect: aws-config-recorder-not-recording-all
    resource_types = ["AWS::EC2::Instance", "AWS::S3::Bucket"]
  }
}

resource "aws_config_configuration_recorder_status" "selected" {
  name       = aws_config_configuration_recorder.selected.name
  is_enabled = true
}
