resource "aws_sns_topic_policy" "good_jsonencode" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Org", Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "arn:aws:sns:eu-west-1:123456789012:alerts", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "sns:Publish", "Resource": "arn:aws:sns:eu-west-1:123456789012:alerts", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]
}
EOF
}

resource "aws_sns_topic_policy" "good_heredoc" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid     = "Org"
    actions = ["sns:Publish"]
    resources = ["arn:aws:sns:eu-west-1:123456789012:alerts"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc123"]
    }
  }
}

resource "aws_sns_topic_policy" "good_document" {
  arn = "arn:aws:sns:eu-west-1:123456789012:alerts"
  policy = data.aws_iam_policy_document.good.json
}
