variable "name" { default = "none" }
variable "tags" {
  type    = map(string)
  default = {}
}
resource "aws_sqs_queue" "q" {
  name = var.name
  tags = var.tags
}
