variable "enabled" { default = false }
resource "aws_sqs_queue" "always" {
  count = 3
  name  = "q-${count.index}"
  delay_seconds = count.index * 10
}
resource "aws_sqs_queue" "never" {
  count = var.enabled ? 1 : 0
  name  = "never"
}
