variable "mq_password" {
  type      = string
  sensitive = true
}

# Private by default.
resource "aws_mq_broker" "events" {
  broker_name        = "events"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"
  subnet_ids         = ["subnet-0123456789abcdef0"]
  security_groups    = ["sg-0123456789abcdef0"]

  user {
    username = "app"
    password = var.mq_password
  }
}

resource "aws_mq_broker" "jobs" {
  broker_name         = "jobs"
  engine_type         = "RabbitMQ"
  engine_version      = "3.13"
  host_instance_type  = "mq.m5.large"
  subnet_ids          = ["subnet-0123456789abcdef0"]
  security_groups     = ["sg-0123456789abcdef0"]
  publicly_accessible = false

  user {
    username = "app"
    password = var.mq_password
  }
}
