resource "aws_iam_account_password_policy" "weak" {
  minimum_password_length      = 14
  require_uppercase_characters = false  # expect: aws-iam-password-policy-missing-character-classes
  require_lowercase_characters = true
  require_numbers              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}
