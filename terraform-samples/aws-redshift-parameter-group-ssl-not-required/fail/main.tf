resource "aws_redshift_parameter_group" "no_parameters" { # expect: aws-redshift-parameter-group-ssl-not-required, aws-redshift-parameter-group-user-activity-logging-disabled
  name   = "no-parameters"
  family = "redshift-1.0"
}

resource "aws_redshift_parameter_group" "ssl_off" {
  name   = "ssl-off"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl" # expect: aws-redshift-parameter-group-user-activity-logging-disabled
    value = "false" # expect: aws-redshift-parameter-group-ssl-not-required
  }
}
