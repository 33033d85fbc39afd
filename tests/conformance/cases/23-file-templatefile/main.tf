resource "aws_sqs_queue" "q" {
  name = "23-file-templatefile"
  tags = {
    file   = file("${path.module}/templates/static.txt")
    tpl    = templatefile("${path.module}/templates/greet.tpl", { name = "tfscan", items = ["a", "b"] })
    exists = fileexists("${path.module}/templates/nope.txt")
    base   = basename("a/b/c.txt")
    dir    = dirname("a/b/c.txt")
    module = path.module
  }
}
