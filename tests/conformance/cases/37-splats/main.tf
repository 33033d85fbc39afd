variable "objs" {
  default = [
    { name = "a", ports = [1, 2] },
    { name = "b", ports = [3] },
  ]
}
resource "aws_sqs_queue" "q" {
  name = "splats"
  tags = {
    names  = jsonencode(var.objs[*].name)
    first  = jsonencode(var.objs[*].ports[0])
    legacy = jsonencode(var.objs.*.name)
    single = jsonencode({ name = "solo" }[*].name)
  }
}
