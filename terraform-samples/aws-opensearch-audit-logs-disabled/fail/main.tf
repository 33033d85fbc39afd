resource "aws_opensearch_domain" "no_logs" { # expect: aws-opensearch-audit-logs-disabled
  domain_name    = "no-logs"
  engine_version = "OpenSearch_2.13"
}

resource "aws_opensearch_domain" "slow_logs_only" { # expect: aws-opensearch-audit-logs-disabled
  domain_name    = "slow-logs-only"
  engine_version = "OpenSearch_2.13"

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/search-slow"
  }
}

resource "aws_elasticsearch_domain" "audit_off" { # expect: aws-opensearch-audit-logs-disabled
  domain_name           = "audit-off"
  elasticsearch_version = "7.10"

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/search-audit"
    enabled                  = false
  }
}
