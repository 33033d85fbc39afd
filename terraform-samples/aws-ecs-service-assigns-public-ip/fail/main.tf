resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/main"
  task_definition = "app:1"

  network_configuration {
    subnets          = ["subnet-0123456789abcdef0"]
    assign_public_ip = true # expect: aws-ecs-service-assigns-public-ip
  }
}
