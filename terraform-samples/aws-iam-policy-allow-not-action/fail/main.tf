resource "aws_iam_policy" "bad_jsonencode" {
  name = "bad-jsonencode"
  policy = jsonencode({  # expect: aws-iam-policy-allow-not-action
    Version   = "2012-10-17"
    Statement = [{ Sid = "AllButIam", Effect = "Allow", NotAction = ["iam:*", "organizations:*", "account:*", "sts:*", "s3:*", "kms:*", "ec2:*", "ecr:*", "lambda:*", "secretsmanager:*", "ssm:*", "rds:*", "sso:*", "glue:*", "cloudformation:*", "datapipeline:*", "redshift:*", "lightsail:*", "sqs:*", "sns:*"], Resource = "arn:aws:s3:::app-data" }]
  })
}

locals {
  bad_heredoc = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "AllButIam", "Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*", "sts:*", "s3:*", "kms:*", "ec2:*", "ecr:*", "lambda:*", "secretsmanager:*", "ssm:*", "rds:*", "sso:*", "glue:*", "cloudformation:*", "datapipeline:*", "redshift:*", "lightsail:*", "sqs:*", "sns:*"], "Resource": "arn:aws:s3:::app-data"}]
}
EOF
}

resource "aws_iam_policy" "bad_heredoc" {
  name   = "bad-heredoc"
  policy = local.bad_heredoc  # expect: aws-iam-policy-allow-not-action
}

data "aws_iam_policy_document" "bad" {
  statement {
    sid         = "AllButIam"
    not_actions = ["iam:*", "organizations:*", "account:*", "sts:*", "s3:*", "kms:*", "ec2:*", "ecr:*", "lambda:*", "secretsmanager:*", "ssm:*", "rds:*", "sso:*", "glue:*", "cloudformation:*", "datapipeline:*", "redshift:*", "lightsail:*", "sqs:*", "sns:*"]
    resources   = ["arn:aws:s3:::app-data"]
  }
}

resource "aws_iam_policy" "bad_document" {
  name   = "bad-document"
  policy = data.aws_iam_policy_document.bad.json  # expect: aws-iam-policy-allow-not-action
}
