resource "aws_wafv2_web_acl" "unlogged" { # expect: aws-waf-web-acl-logging-disabled
  name  = "unlogged"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "common"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesCommonRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "known-bad-inputs"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        vendor_name = "AWS"
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "unlogged"
    sampled_requests_enabled   = true
  }
}

resource "aws_waf_web_acl" "classic" { # expect: aws-waf-web-acl-logging-disabled
  name        = "classic"
  metric_name = "classic"

  default_action {
    type = "ALLOW"
  }

  rules {
    priority = 1
    rule_id  = "a1b2c3d4-5678-90ab-cdef-EXAMPLE55555"
    type     = "REGULAR"

    action {
      type = "BLOCK"
    }
  }
}
