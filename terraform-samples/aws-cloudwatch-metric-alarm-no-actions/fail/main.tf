resource "aws_cloudwatch_metric_alarm" "silent" { # expect: aws-cloudwatch-metric-alarm-no-actions
  alarm_name          = "root-login-silent"
  namespace           = "CISBenchmark"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
}

resource "aws_cloudwatch_metric_alarm" "muted" {
  alarm_name          = "root-login-muted"
  namespace           = "CISBenchmark"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:security"]
  actions_enabled     = false # expect: aws-cloudwatch-metric-alarm-no-actions
}

resource "aws_cloudwatch_metric_alarm" "empty" {
  alarm_name          = "root-login-empty"
  namespace           = "CISBenchmark"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [] # expect: aws-cloudwatch-metric-alarm-no-actions
}
