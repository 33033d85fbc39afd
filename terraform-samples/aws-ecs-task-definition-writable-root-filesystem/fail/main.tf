resource "aws_ecs_task_definition" "default_writable" {
  family = "app"
  container_definitions = jsonencode([ # expect: aws-ecs-task-definition-writable-root-filesystem
    { name = "app", image = "example/app:1.0", essential = true, readonlyRootFilesystem = true },
    { name = "sidecar", image = "example/proxy:2.0", essential = false },
  ])
}

resource "aws_ecs_task_definition" "explicitly_writable" {
  family                = "worker"
  container_definitions = "[{\"name\": \"worker\", \"image\": \"example/worker:1.0\", \"readonlyRootFilesystem\": false}]" # expect: aws-ecs-task-definition-writable-root-filesystem
}
