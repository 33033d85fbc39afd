resource "aws_cloudwatch_log_group" "plain" { # expect: aws-cloudwatch-log-group-not-encrypted-with-kms
  name              = "/app/plain"
  retention_in_days = 365
}
