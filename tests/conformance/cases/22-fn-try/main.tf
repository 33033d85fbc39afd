resource "aws_sqs_queue" "q" {
  name = "22-fn-try"
  tags = {
    try1 = try(jsondecode("not json"), "fallback")
    try2 = try({ a = 1 }.b, "missing")
    try3 = try(tonumber("x"), tonumber("7"))
    can1 = can(tonumber("x"))
  }
}
