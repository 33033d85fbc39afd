resource "aws_ecs_task_definition" "app" {
  family                   = "app"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  container_definitions    = <<-JSON
    [
      {
        "name": "app",
        "image": "example/app:1.0",
        "essential": true,
        "privileged": false,
        "readonlyRootFilesystem": true
      }
    ]
  JSON
}
