resource "aws_sns_topic" "security" {
  name              = "security"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_cloudwatch_metric_alarm" "root_login" {
  alarm_name          = "root-login"
  namespace           = "CISBenchmark"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security.arn]
}

resource "aws_cloudwatch_metric_alarm" "root_login_by_arn" {
  alarm_name          = "root-login-by-arn"
  namespace           = "CISBenchmark"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:security"]
}

# The topics are known only after apply, but the list holds one whatever they turn out
# to be: the alarm notifies someone.
variable "pager_topics" {
  type = list(string)
}

resource "aws_cloudwatch_metric_alarm" "root_login_and_pager" {
  alarm_name          = "root-login-paged"
  namespace           = "CISBenchmark"
  metric_name         = "RootAccountUsage"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = concat([aws_sns_topic.security.arn], var.pager_topics)
}
