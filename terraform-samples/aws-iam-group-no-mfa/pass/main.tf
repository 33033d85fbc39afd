resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_policy" "read" {
  name  = "read"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app-data/*" }]
  })
}

data "aws_iam_policy_document" "require_mfa" {
  statement {
    sid       = "DenyAllWithoutMFA"
    effect    = "Deny"
    not_actions = ["iam:ChangePassword", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "require_mfa" {
  name   = "require-mfa"
  policy = data.aws_iam_policy_document.require_mfa.json
}

resource "aws_iam_policy_attachment" "require_mfa" {
  name       = "require-mfa"
  groups     = [aws_iam_group.developers.name]
  policy_arn = aws_iam_policy.require_mfa.arn
}

# A group without policies grants nothing.
resource "aws_iam_group" "empty" {
  name = "empty"
}
