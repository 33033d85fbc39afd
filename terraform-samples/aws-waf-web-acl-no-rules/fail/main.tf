resource "aws_wafv2_web_acl" "empty" { # expect: aws-waf-web-acl-no-rules
  name  = "empty"
  scope = "REGIONAL"

  default_action {
    allow {}
  }


  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "empty"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "empty" {
  resource_arn            = aws_wafv2_web_acl.empty.arn
  log_destination_configs = ["arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-empty"]
}

resource "aws_wafregional_web_acl" "empty" { # expect: aws-waf-web-acl-no-rules
  name        = "empty"
  metric_name = "empty"

  default_action {
    type = "ALLOW"
  }

  logging_configuration {
    log_destination = "arn:aws:firehose:eu-west-1:111122223333:deliverystream/aws-waf-logs-empty"
  }
}
