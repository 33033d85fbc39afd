resource "aws_iam_user_policy" "inline" {
  name   = "inline"
  user   = "alice"  # expect: aws-iam-user-policy-attached
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:GetCallerIdentity", Resource = "*" }] })
}

resource "aws_iam_user_policy_attachment" "read" {
  user       = "alice"  # expect: aws-iam-user-policy-attached
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "read" {
  name       = "read"
  users      = ["alice", "bob"]  # expect: aws-iam-user-policy-attached
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
