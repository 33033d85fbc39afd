resource "aws_sqs_queue" "q" {
  name = "escapes"
  tags = {
    quote   = "say \"hi\""
    tab     = "a\tb"
    unicode = "caf\u00e9 ☕"
    backsl  = "C:\\path"
    dollar  = "$${not_interpolated}"
  }
}
