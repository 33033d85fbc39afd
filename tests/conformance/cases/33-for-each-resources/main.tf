resource "aws_sqs_queue" "src" {
  for_each = { a = 10, b = 20 }
  name     = "src-${each.key}"
  delay_seconds = each.value
}
resource "aws_sqs_queue" "copy" {
  for_each      = aws_sqs_queue.src
  name          = "copy-${each.key}"
  delay_seconds = each.value.delay_seconds + 1
}
resource "aws_sqs_queue" "names" {
  name = join("-", [for k, q in aws_sqs_queue.src : q.name])
  tags = { keys = join(",", keys(aws_sqs_queue.src)) }
}
