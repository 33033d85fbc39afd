resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-passrole-any-role
    Version   = "2012-10-17"
    Statement = [{ Sid = "Pass", Effect = "Allow", Action = ["iam:PassRole"], Resource = "*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Pass", "Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*"}]
}
EOF
}

resource "aws_iam_policy" "bad_heredoc" {
  name   = "bad-heredoc"
  policy = local.bad_heredoc  # expect: aws-iam-policy-passrole-any-role
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "Pass"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "bad_document" {
  name   = "bad-document"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-passrole-any-role
}
