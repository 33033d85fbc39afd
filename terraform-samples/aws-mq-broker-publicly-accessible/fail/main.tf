variable "mq_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "events" {
  broker_name         = "events"
  engine_type         = "RabbitMQ"
  engine_version      = "3.13"
  host_instance_type  = "mq.m5.large"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  security_groups     = ["sg-0123456789abcdef0"]
  publicly_accessible = true # expect: aws-mq-broker-publicly-accessible

  user {
    username = "app"
    password = var.mq_password
  }
}

locals {
  expose_broker = true
}

resource "aws_mq_broker" "jobs" {
  broker_name         = "jobs"
  engine_type         = "ActiveMQ"
  engine_version      = "5.18"
  host_instance_type  = "mq.m5.large"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  security_groups     = ["sg-0123456789abcdef0"]
  publicly_accessible = local.expose_broker # expect: aws-mq-broker-publicly-accessible

  user {
    username = "app"
    password = var.mq_password
  }
}
