resource "aws_sqs_queue" "q" {
  name                       = "numbers"
  visibility_timeout_seconds = 1e2
  max_message_size           = 1024 * 256
  tags = {
    half  = 0.5
    div   = 10 / 4
    big   = 4294967296
    neg   = -12
    float = 1.25e1
  }
}
