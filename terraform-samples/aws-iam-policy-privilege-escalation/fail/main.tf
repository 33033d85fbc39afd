resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-privilege-escalation
    Version   = "2012-10-17"
    Statement = [{ Sid = "Escalate", Effect = "Allow", Action = ["iam:CreatePolicyVersion"], Resource = "*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Escalate", "Effect": "Allow", "Action": ["iam:CreatePolicyVersion"], "Resource": "*"}]
}
EOF
}

resource "aws_iam_policy" "bad_heredoc" {
  name   = "bad-heredoc"
  policy = local.bad_heredoc  # expect: aws-iam-policy-privilege-escalation
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "Escalate"
    actions   = ["iam:CreatePolicyVersion"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "bad_document" {
  name   = "bad-document"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-privilege-escalation
}
