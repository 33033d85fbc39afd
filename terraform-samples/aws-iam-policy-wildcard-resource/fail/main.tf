resource "aws_iam_policy" "writer" {
  name = "writer"
  policy = jsonencode({ # expect: aws-iam-policy-wildcard-resource
    Version = "2012-10-17"
    Statement = [
      { Sid = "Objects", Effect = "Allow", Action = ["s3:PutObject", "s3:ListAllMyBuckets"], Resource = "*" },
      { Sid = "Keys", Effect = "Allow", Action = "kms:GenerateDataKey", Resource = ["*"] },
    ]
  })
}

data "aws_iam_policy_document" "queue_worker" {
  statement {
    actions   = ["sqs:*Message"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "queue_worker" {
  name   = "queue-worker"
  role   = "worker"
  policy = data.aws_iam_policy_document.queue_worker.json # expect: aws-iam-policy-wildcard-resource
}
