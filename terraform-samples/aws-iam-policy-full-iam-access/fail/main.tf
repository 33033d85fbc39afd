resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-full-iam-access
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
  policy = local.bad_heredoc  # expect: aws-iam-policy-full-iam-access
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
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-full-iam-access
}
