resource "aws_sqs_queue" "q" {
  name   = "module-files"
  policy = file("${path.module}/policy.json")
  tags = {
    greeting = templatefile("${path.module}/greeting.tpl", { who = "module" })
    module   = path.module
  }
}
