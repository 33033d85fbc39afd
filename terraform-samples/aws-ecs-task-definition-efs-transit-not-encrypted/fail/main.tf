resource "aws_ecs_task_definition" "default" {
  family                = "default"
  container_definitions = <<-JSON
    [{ "name": "app", "image": "example/app:1.0", "essential": true, "readonlyRootFilesystem": true }]
  JSON

  volume {
    name = "shared"
    efs_volume_configuration { # expect: aws-ecs-task-definition-efs-transit-not-encrypted
      file_system_id = "fs-0123456789abcdef0"
    }
  }
}

resource "aws_ecs_task_definition" "explicit" {
  family                = "explicit"
  container_definitions = <<-JSON
    [{ "name": "app", "image": "example/app:1.0", "essential": true, "readonlyRootFilesystem": true }]
  JSON

  volume {
    name      = "cache"
    host_path = "/var/cache/app"
  }

  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = "fs-0123456789abcdef0"
      root_directory     = "/app"
      transit_encryption = "DISABLED" # expect: aws-ecs-task-definition-efs-transit-not-encrypted
    }
  }
}
