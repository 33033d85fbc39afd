resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<-JSON
    [{ "name": "app", "image": "example/app:1.0", "essential": true, "readonlyRootFilesystem": true }]
  JSON

  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = "fsap-0123456789abcdef0"
        iam             = "ENABLED"
      }
    }
  }
}

# Volumes that are not EFS are not judged.
resource "aws_ecs_task_definition" "scratch" {
  family                = "scratch"
  container_definitions = <<-JSON
    [{ "name": "app", "image": "example/app:1.0", "essential": true, "readonlyRootFilesystem": true }]
  JSON

  volume {
    name = "scratch"
  }
}
