variable "name" { default = "default" }
variable "size" { default = 1 }
resource "aws_sqs_queue" "q" {
  name          = var.name
  delay_seconds = var.size
}
