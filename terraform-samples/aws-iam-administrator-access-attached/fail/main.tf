resource "aws_iam_role_policy_attachment" "admin" {
  role       = "app"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"  # expect: aws-iam-administrator-access-attached
}

resource "aws_iam_user_policy_attachment" "admin" {
  user       = "alice"
  policy_arn = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"  # expect: aws-iam-administrator-access-attached
}

resource "aws_iam_role" "managed" {
  name                = "managed"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AdministratorAccess"]  # expect: aws-iam-administrator-access-attached
}
