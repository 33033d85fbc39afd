resource "aws_iam_policy" "good_jsonencode" {
  name = "good-jsonencode"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Iam", Effect = "Allow", Action = ["iam:GetRole", "iam:ListRoles"], Resource = "*" }]
  })
}

locals {
  good_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Iam", "Effect": "Allow", "Action": ["iam:GetRole", "iam:ListRoles"], "Resource": "*"}]
}
EOF
}

resource "aws_iam_policy" "good_heredoc" {
  name   = "good-heredoc"
  policy = local.good_heredoc
}

data "aws_iam_policy_document" "good" {
  statement {
    sid       = "Iam"
    actions   = ["iam:GetRole", "iam:ListRoles"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "good_document" {
  name   = "good-document"
  policy = data.aws_iam_policy_document.good.json
}
