resource "aws_sns_topic_policy" "bad_jsonencode" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = jsonencode({  # expect: aws-sns-topic-policy-public
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "arn:aws:sns:eu-west-1:123456789012:alerts" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "arn:aws:sns:eu-west-1:123456789012:alerts"}]
}
EOF
}

resource "aws_sns_topic_policy" "bad_heredoc" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = local.bad_heredoc  # expect: aws-sns-topic-policy-public
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid     = "Public"
    actions = ["sns:Publish"]
    resources = ["arn:aws:sns:eu-west-1:123456789012:alerts"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_sns_topic_policy" "bad_document" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-sns-topic-policy-public
}
