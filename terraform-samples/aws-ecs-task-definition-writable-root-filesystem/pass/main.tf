resource "aws_ecs_task_definition" "read_only" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "example/app:1.0", essential = true, readonlyRootFilesystem = true },
    { name = "sidecar", image = "example/proxy:2.0", readonlyRootFilesystem = true },
  ])
}
