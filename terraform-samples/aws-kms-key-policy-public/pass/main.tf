resource "aws_kms_key_policy" "good_jsonencode" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Org", Effect = "Allow", Principal = "*", Action = "kms:Decrypt", Resource = "*", Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } } }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Org", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]
}
EOF
}

resource "aws_kms_key_policy" "good_heredoc" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid     = "Org"
    actions = ["kms:Decrypt"]
    resources = ["*"]
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

resource "aws_kms_key_policy" "good_document" {
  key_id = "1234abcd-12ab-34cd-56ef-1234567890ab"
  policy = data.aws_iam_policy_document.good.json
}
