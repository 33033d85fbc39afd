variable "use_list" { default = true }
locals {
  chosen = var.use_list ? ["a", "b"] : ["c"]
  num    = var.use_list ? 1 : "2"
}
resource "aws_sqs_queue" "q" {
  name          = "cond-types"
  delay_seconds = local.num
  tags          = { chosen = join("", local.chosen) }
}
