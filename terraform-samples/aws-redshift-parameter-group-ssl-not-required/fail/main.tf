resource "aws_redshift_parameter_group" "no_parameters" { # expect: aws-redshift-parameter-group-ssl-not-required
  name   = "no-parameters"
  family = "redshift-1.0"
}

resource "aws_redshift_parameter_group" "ssl_off" {
  name   = "ssl-off"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "false" # expect: aws-redshift-parameter-group-ssl-not-required
  }
}
