resource "aws_sqs_queue" "src" {
  count = 2
  name  = "src-${count.index}"
}
resource "aws_sqs_queue" "sink" {
  name = join("-", aws_sqs_queue.src[*].name)
  tags = {
    first  = aws_sqs_queue.src[0].name
    legacy = aws_sqs_queue.src.1.name
  }
}
