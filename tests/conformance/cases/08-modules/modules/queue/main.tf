variable "name" { type = string }
variable "retention" {
  type    = number
  default = 345600
}
resource "aws_sqs_queue" "this" {
  name                      = "q-${var.name}"
  message_retention_seconds = var.retention
}
output "name" {
  value = aws_sqs_queue.this.name
}
