variable "names" { default = ["a", "b", "c"] }
locals {
  upper     = [for n in var.names : upper(n)]
  keyed     = { for i, n in var.names : n => i if n != "b" }
  grouped   = { for n in ["x1", "x2", "y1"] : substr(n, 0, 1) => n... }
  condition = length(var.names) > 2 ? "many" : "few"
  math      = (7 % 3) + 2 * 5 - 4 / 2
}
resource "aws_sqs_queue" "q" {
  name = "expr-${local.condition}"
  tags = {
    upper   = join(",", local.upper)
    keyed   = jsonencode(local.keyed)
    grouped = jsonencode(local.grouped)
    math    = local.math
    neg     = -local.math
    not     = !true
  }
}
