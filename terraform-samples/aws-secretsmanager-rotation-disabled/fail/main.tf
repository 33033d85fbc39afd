# No rotation at all.
resource "aws_secretsmanager_secret" "db_password" { # expect: aws-secretsmanager-rotation-disabled
  name       = "prod/db_password"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret" "api_key" {
  name       = "prod/api_key"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Rotated once a year only.
resource "aws_secretsmanager_secret_rotation" "api_key" {
  secret_id           = aws_secretsmanager_secret.api_key.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-postgres"

  rotation_rules {
    automatically_after_days = 365 # expect: aws-secretsmanager-rotation-disabled
  }
}
