locals {
  agent_containers = <<-JSON
    [
      {
        "name": "log-agent",
        "image": "example/log-agent:2.1",
        "essential": true,
        "privileged" : true
      }
    ]
  JSON
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = "[{\"name\": \"app\", \"image\": \"example/app:1.0\", \"privileged\": true}]" # expect: aws-ecs-task-definition-privileged-container
}

resource "aws_ecs_task_definition" "agent" {
  family                = "agent"
  container_definitions = local.agent_containers # expect: aws-ecs-task-definition-privileged-container
}
