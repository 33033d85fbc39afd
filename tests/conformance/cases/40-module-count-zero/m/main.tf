resource "aws_sqs_queue" "q" {
  name = "module-${path.module == "" ? "x" : "m"}"
}
