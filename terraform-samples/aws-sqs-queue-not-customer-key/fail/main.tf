# SSE-SQS, the default.
resource "aws_sqs_queue" "defaults" { # expect: aws-sqs-queue-not-customer-key
  name = "defaults"
}

resource "aws_sqs_queue" "aws_managed" {
  name              = "aws-managed"
  kms_master_key_id = "alias/aws/sqs" # expect: aws-sqs-queue-not-customer-key
}
