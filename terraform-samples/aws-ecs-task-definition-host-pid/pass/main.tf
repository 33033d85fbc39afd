resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<-JSON
    [{ "name": "app", "image": "example/app:1.0", "essential": true, "readonlyRootFilesystem": true }]
  JSON
}

# The task's containers share a namespace with each other only.
resource "aws_ecs_task_definition" "with_sidecar" {
  family                = "with-sidecar"
  pid_mode              = "task"
  container_definitions = <<-JSON
    [
      { "name": "app", "image": "example/app:1.0", "essential": true, "readonlyRootFilesystem": true },
      { "name": "debugger", "image": "example/debugger:1.0", "essential": false, "readonlyRootFilesystem": true }
    ]
  JSON
}
