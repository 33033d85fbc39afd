# `iam:*` is a service-wide wildcard: one finding, by aws-iam-policy-wildcard-action, which
# names what it grants at the gravest severity among them; this check reports every IAM
# action granted otherwise (NotAction below), and `iam:*` when that check does not run.
# also-expect: aws-iam-policy-wildcard-action

resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-wildcard-action
    Version   = "2012-10-17"
    Statement = [{ Sid = "Iam", Effect = "Allow", Action = "iam:*", Resource = "*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Iam", "Effect": "Allow", "Action": "iam:*", "Resource": "*"}]
}
EOF
}

resource "aws_iam_policy" "bad_heredoc" {
  name   = "bad-heredoc"
  policy = local.bad_heredoc  # expect: aws-iam-policy-wildcard-action
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "Iam"
    actions   = ["iam:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "bad_document" {
  name   = "bad-document"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-wildcard-action
}

resource "aws_iam_policy" "bad_not_action" {
  name = "bad-not-action"
  policy = jsonencode({ # expect: aws-iam-policy-full-iam-access
    Version   = "2012-10-17"
    Statement = [{ Sid = "AllButS3", Effect = "Allow", NotAction = "s3:*", Resource = "*" }]
  })
}
