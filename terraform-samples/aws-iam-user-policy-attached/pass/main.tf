resource "aws_iam_group_policy_attachment" "read" {
  group      = "developers"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_policy_attachment" "read" {
  name       = "read"
  users      = []
  groups     = ["developers"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
