resource "aws_redshift_parameter_group" "no_parameters" { # expect: aws-redshift-parameter-group-user-activity-logging-disabled
  name   = "no-parameters"
  family = "redshift-1.0"
}

resource "aws_redshift_parameter_group" "logging_off" {
  name   = "logging-off"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }

  parameter {
    name  = "enable_user_activity_logging"
    value = false # expect: aws-redshift-parameter-group-user-activity-logging-disabled
  }
}
