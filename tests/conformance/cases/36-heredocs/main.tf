locals {
  plain = <<EOT
line one
  line two
EOT
  indented = <<-EOT
    first
      second
    third
  EOT
}
resource "aws_sqs_queue" "q" {
  name = "heredocs"
  tags = {
    plain    = local.plain
    indented = local.indented
    interp   = <<-EOT
      name=${upper("x")}
    EOT
  }
}
