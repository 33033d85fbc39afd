resource "aws_iam_role_policy_attachment" "read" {
  role       = "app"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "custom" {
  role       = "app"
  policy_arn = "arn:aws:iam::123456789012:policy/AdministratorAccess"
}
