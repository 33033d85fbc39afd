locals {
  worker_containers = <<-JSON
    [
      {
        "name": "worker",
        "image": "example/worker:2.1",
        "essential": true,
        "environment": [
          {"name": "QUEUE", "value": "jobs"},
          {"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
        ]
      }
    ]
  JSON
}

resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([{ # expect: aws-ecs-task-definition-plaintext-secrets
    name      = "app"
    image     = "example/app:1.0"
    essential = true
    environment = [
      { name = "DB_HOST", value = "db.internal" },
      { name = "DB_PASSWORD", value = "hunter2hunter2" },
    ]
  }])
}

resource "aws_ecs_task_definition" "worker" {
  family                = "worker"
  container_definitions = local.worker_containers # expect: aws-ecs-task-definition-plaintext-secrets
}
