resource "aws_sqs_queue" "q" {
  name = "16-fn-regex"
  tags = {
    regex     = regex("[a-z]+", "123abc456")
    groups    = jsonencode(regex("(\\d+)-(\\d+)", "10-20"))
    named     = jsonencode(regex("(?P<major>\\d+)\\.(?P<minor>\\d+)", "1.15"))
    all       = jsonencode(regexall("[0-9]", "a1b2c3"))
    can_match = can(regex("^x", "xyz"))
    cant      = can(regex("^y", "xyz"))
  }
}
