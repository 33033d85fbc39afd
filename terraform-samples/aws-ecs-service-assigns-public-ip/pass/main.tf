resource "aws_ecs_service" "private" {
  name            = "private"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/main"
  task_definition = "app:1"

  network_configuration {
    subnets = ["subnet-0123456789abcdef0"]
  }
}

# Not awsvpc networking: no network_configuration at all.
resource "aws_ecs_service" "bridge" {
  name            = "bridge"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/main"
  task_definition = "app:1"
}
