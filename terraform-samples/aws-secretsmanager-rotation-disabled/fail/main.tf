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

# A rate of 180 days rotates twice a year.
resource "aws_secretsmanager_secret" "token" {
  name       = "prod/token"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret_rotation" "token" {
  secret_id           = aws_secretsmanager_secret.token.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-token"

  rotation_rules {
    schedule_expression = "rate(180 days)" # expect: aws-secretsmanager-rotation-disabled
  }
}

# Once a quarter leaves 92 days between July and October.
resource "aws_secretsmanager_secret" "signing_key" {
  name       = "prod/signing_key"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret_rotation" "signing_key" {
  secret_id           = aws_secretsmanager_secret.signing_key.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-token"

  rotation_rules {
    schedule_expression = "cron(0 4 1 JAN,APR,JUL,OCT ? *)" # expect: aws-secretsmanager-rotation-disabled
  }
}
