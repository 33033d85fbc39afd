variable "queues" {
  default = {
    orders   = 30
    payments = 60
  }
}
resource "aws_sqs_queue" "map" {
  for_each                   = var.queues
  name                       = each.key
  visibility_timeout_seconds = each.value
}
resource "aws_sqs_queue" "set" {
  for_each = toset(["red", "blue"])
  name     = "colour-${each.value}"
}
resource "aws_sqs_queue" "empty" {
  for_each = {}
  name     = each.key
}
