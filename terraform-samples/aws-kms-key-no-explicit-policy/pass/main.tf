resource "aws_kms_key" "app" {
  description         = "Application data"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}

data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

# The policy in its own resource.
resource "aws_kms_key" "reports" {
  description         = "Reports"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "reports" {
  key_id = aws_kms_key.reports.id
  policy = data.aws_iam_policy_document.key.json
}
