resource "aws_iam_role" "ecs" {
  name = "ecs"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_ecs_task_definition" "shared_reference" {
  family                = "app"
  execution_role_arn    = aws_iam_role.ecs.arn
  task_role_arn         = aws_iam_role.ecs.arn # expect: aws-ecs-task-definition-same-task-and-execution-role
  container_definitions = jsonencode([{ name = "app", image = "example/app:1.0", readonlyRootFilesystem = true }])
}

resource "aws_ecs_task_definition" "shared_literal" {
  family                = "worker"
  execution_role_arn    = "arn:aws:iam::123456789012:role/ecs"
  task_role_arn         = "arn:aws:iam::123456789012:role/ecs" # expect: aws-ecs-task-definition-same-task-and-execution-role
  container_definitions = jsonencode([{ name = "worker", image = "example/worker:1.0", readonlyRootFilesystem = true }])
}
