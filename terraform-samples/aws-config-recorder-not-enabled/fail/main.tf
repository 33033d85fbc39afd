# No status resource: the recorder is never started.
resource "aws_config_configuration_recorder" "never_started" { # expect: aws-config-recorder-not-enabled
  name     = "never-started"
  role_arn = "arn:aws:iam::111122223333:role/aws-config"

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder" "stopped" {
  name     = "stopped"
  role_arn = "arn:aws:iam::111122223333:role/aws-config"

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder_status" "stopped" {
  name       = aws_config_configuration_recorder.stopped.name
  is_enabled = false # expect: aws-config-recorder-not-enabled
}
