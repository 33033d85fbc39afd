variable "pid_mode" {
  type    = string
  default = "host"
}

resource "aws_ecs_task_definition" "monitor" {
  family                = "monitor"
  pid_mode              = "host" # expect: aws-ecs-task-definition-host-pid
  container_definitions = <<-JSON
    [{ "name": "monitor", "image": "example/monitor:3.2", "essential": true, "readonlyRootFilesystem": true }]
  JSON
}

resource "aws_ecs_task_definition" "profiler" {
  family                = "profiler"
  pid_mode              = var.pid_mode # expect: aws-ecs-task-definition-host-pid
  container_definitions = <<-JSON
    [{ "name": "profiler", "image": "example/profiler:0.9", "essential": true, "readonlyRootFilesystem": true }]
  JSON
}
