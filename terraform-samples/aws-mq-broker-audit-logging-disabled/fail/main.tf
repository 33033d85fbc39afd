variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "no_logs" { # expect: aws-mq-broker-audit-logging-disabled
  broker_name                = "no-logs"
  engine_type                = "ActiveMQ"
  engine_version             = "5.18"
  host_instance_type         = "mq.m5.large"
  auto_minor_version_upgrade = true

  user {
    username = "admin"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "general_only" {
  broker_name                = "general-only"
  engine_type                = "ActiveMQ"
  engine_version             = "5.18"
  host_instance_type         = "mq.m5.large"
  auto_minor_version_upgrade = true

  user {
    username = "admin"
    password = var.mq_password
  }

  logs {
    general = true
    audit   = false # expect: aws-mq-broker-audit-logging-disabled
  }
}
