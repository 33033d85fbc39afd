variable "label" {}
resource "aws_sqs_queue" "q" {
  name = "queue-${var.label}"
}
