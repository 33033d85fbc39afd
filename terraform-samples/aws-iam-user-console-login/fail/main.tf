resource "aws_iam_user" "alice" { # expect: aws-iam-user-console-login
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}

resource "aws_iam_user" "bob" { # expect: aws-iam-user-console-login
  name = "bob"
}

resource "aws_iam_user_login_profile" "bob" {
  user                    = "bob"
  password_reset_required = true
}
