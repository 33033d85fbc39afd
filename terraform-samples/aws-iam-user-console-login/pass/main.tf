# A machine user with no console password.
resource "aws_iam_user" "deployer" {
  name = "deployer"
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "someone_else" {
  user = "carol"
}
