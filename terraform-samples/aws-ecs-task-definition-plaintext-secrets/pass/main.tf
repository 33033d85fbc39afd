variable "db_secret_arn" {
  type = string
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{
    name      = "app"
    image     = "example/app:1.0"
    essential = true
    environment = [
      { name = "DB_HOST", value = "db.internal" },
      { name = "DB_SECRET_ARN", value = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf" },
      { name = "DB_PASSWORD", value = "CHANGE_ME" },
    ]
    secrets = [
      { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf" },
    ]
  }])
}

# A value known only after apply is not hard-coded.
resource "aws_ecs_task_definition" "linked" {
  family = "linked"
  container_definitions = jsonencode([{
    name  = "linked"
    image = "example/linked:1.0"
    environment = [
      { name = "DB_PASSWORD_SECRET", value = var.db_secret_arn },
    ]
  }])
}
