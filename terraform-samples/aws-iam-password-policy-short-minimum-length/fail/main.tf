resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length      = 8  # expect: aws-iam-password-policy-short-minimum-length
  require_uppercase_characters = true
  require_lowercase_characters = true
  require_numbers              = true
  require_symbols              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}
