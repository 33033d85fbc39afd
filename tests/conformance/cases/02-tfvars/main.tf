variable "a" { default = "default-a" }
variable "b" { default = "default-b" }
variable "c" { default = "default-c" }
resource "aws_sqs_queue" "q" {
  name = "${var.a}-${var.b}-${var.c}"
}
