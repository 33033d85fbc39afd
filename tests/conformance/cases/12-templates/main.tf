variable "items" { default = ["x", "y"] }
resource "aws_sqs_queue" "q" {
  name = "tpl"
  tags = {
    directive = "%{ for i in var.items }<${i}>%{ endfor }"
    cond      = "%{ if length(var.items) > 1 }many%{ else }one%{ endif }"
    strip     = "a %{~ if true ~} b %{~ endif ~} c"
    escaped   = "$${literal} %%{literal}"
  }
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": []
    }
  EOT
}
