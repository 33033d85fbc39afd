resource "aws_sqs_queue_policy" "bad_jsonencode" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy = jsonencode({  # expect: aws-sqs-queue-policy-wildcard-action
    Version   = "2012-10-17"
    Statement = [{ Sid = "All", Effect = "Allow", Principal = { Service = "sns.amazonaws.com" }, Action = "sqs:*", Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "All", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:*", "Resource": "arn:aws:sqs:eu-west-1:123456789012:jobs"}]
}
EOF
}

resource "aws_sqs_queue_policy" "bad_heredoc" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy = local.bad_heredoc  # expect: aws-sqs-queue-policy-wildcard-action
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "All"
    actions   = ["sqs:*"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }
  }
}

resource "aws_sqs_queue_policy" "bad_document" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-sqs-queue-policy-wildcard-action
}
