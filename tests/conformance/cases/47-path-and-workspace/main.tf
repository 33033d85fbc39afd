resource "aws_sqs_queue" "q" {
  name = "path-${terraform.workspace}"
  tags = {
    module = path.module
    root   = path.root
  }
}
