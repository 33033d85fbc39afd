variable "x" { default = "default" }
variable "y" { default = "default" }
resource "aws_sqs_queue" "q" {
  name = "auto-${var.x}-${var.y}"
}
