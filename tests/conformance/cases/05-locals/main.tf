locals {
  prefix = "app"
  env    = "prod"
  name   = "${local.prefix}-${local.env}"
  tags   = { Name = local.name, Owner = "team-${upper(local.env)}" }
}
resource "aws_sqs_queue" "q" {
  name                      = local.name
  message_retention_seconds = 60 * 60 * 24
  tags                      = local.tags
}
