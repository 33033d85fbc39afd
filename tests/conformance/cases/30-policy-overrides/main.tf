data "aws_iam_policy_document" "base" {
  statement {
    sid       = "A"
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
  statement {
    sid       = "B"
    actions   = ["sqs:ReceiveMessage"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "override" {
  statement {
    sid       = "B"
    actions   = ["sqs:DeleteMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]
  }
}
data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
  statement {
    sid    = "C"
    effect = "Deny"
    actions = ["sqs:*"]
    not_resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
resource "aws_iam_policy" "p" {
  name   = "overrides"
  policy = data.aws_iam_policy_document.merged.json
}
