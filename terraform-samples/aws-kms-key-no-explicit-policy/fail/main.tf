resource "aws_kms_key" "no_policy" { # expect: aws-kms-key-no-explicit-policy
  description         = "Application data"
  enable_key_rotation = true
}

# The policy resource belongs to another key.
resource "aws_kms_key" "neighbour" { # expect: aws-kms-key-no-explicit-policy
  description         = "Reports"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "other" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = data.aws_iam_policy_document.key.json
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
