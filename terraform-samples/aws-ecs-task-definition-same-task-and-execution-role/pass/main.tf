resource "aws_iam_role" "execution" {
  name = "ecs-execution"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_iam_role" "task" {
  name = "app-task"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}

resource "aws_ecs_task_definition" "separate" {
  family                = "app"
  execution_role_arn    = aws_iam_role.execution.arn
  task_role_arn         = aws_iam_role.task.arn
  container_definitions = jsonencode([{ name = "app", image = "example/app:1.0", readonlyRootFilesystem = true }])
}

resource "aws_ecs_task_definition" "execution_only" {
  family                = "batch"
  execution_role_arn    = aws_iam_role.execution.arn
  container_definitions = jsonencode([{ name = "batch", image = "example/batch:1.0", readonlyRootFilesystem = true }])
}
