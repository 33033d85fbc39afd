resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-permissions-management
    Version   = "2012-10-17"
    Statement = [{ Sid = "Policies", Effect = "Allow", Action = ["s3:PutBucketPolicy"], Resource = "*" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "Policies", "Effect": "Allow", "Action": ["s3:PutBucketPolicy"], "Resource": "*"}]
}
EOF
}

resource "aws_iam_policy" "bad_heredoc" {
  name   = "bad-heredoc"
  policy = local.bad_heredoc  # expect: aws-iam-policy-permissions-management
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid       = "Policies"
    actions   = ["s3:PutBucketPolicy"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "bad_document" {
  name   = "bad-document"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-permissions-management
}
