resource "aws_iam_group" "developers" { # expect: aws-iam-group-no-mfa
  name = "developers"
}

resource "aws_iam_group_policy" "developers" {
  name  = "read"
  group = aws_iam_group.developers.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app-data/*" }]
  })
}

resource "aws_iam_group" "ops" { # expect: aws-iam-group-no-mfa
  name = "ops"
}

resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:StartInstances", "ec2:StopInstances"], Resource = "arn:aws:ec2:eu-west-1:123456789012:instance/*" }]
  })
}

resource "aws_iam_group_policy_attachment" "ops" {
  group      = "ops"
  policy_arn = aws_iam_policy.ops.arn
}

resource "aws_iam_group_policy_attachment" "ops_readonly" {
  group      = aws_iam_group.ops.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
