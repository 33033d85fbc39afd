locals {
  sse = false
}

resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false # expect: aws-sqs-queue-not-encrypted
}

resource "aws_sqs_queue" "events" {
  name                    = "events"
  sqs_managed_sse_enabled = local.sse # expect: aws-sqs-queue-not-encrypted
}
