locals {
  a = 1
  b = local.a + 1
  c = local.b * 10
  d = [local.a, local.b, local.c]
  e = { for i, v in local.d : tostring(i) => v }
}
resource "aws_sqs_queue" "q" {
  name          = "chain-${local.c}"
  delay_seconds = local.e["2"] / 10
}
