resource "aws_secretsmanager_secret" "db_password" {
  name       = "prod/db_password"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Linked by reference.
resource "aws_secretsmanager_secret_rotation" "db_password" {
  secret_id           = aws_secretsmanager_secret.db_password.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-postgres"

  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret" "api_key" {
  name       = "prod/api_key"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Linked by the literal secret name.
resource "aws_secretsmanager_secret_rotation" "api_key" {
  secret_id           = "prod/api_key"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-postgres"

  rotation_rules {
    schedule_expression = "rate(4 hours)"
  }
}

resource "aws_secretsmanager_secret" "token" {
  name       = "prod/token"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret_rotation" "token" {
  secret_id           = aws_secretsmanager_secret.token.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-token"

  rotation_rules {
    schedule_expression = "rate(90 days)"
  }
}

# The first Sunday of every month.
resource "aws_secretsmanager_secret" "signing_key" {
  name       = "prod/signing_key"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_secretsmanager_secret_rotation" "signing_key" {
  secret_id           = aws_secretsmanager_secret.signing_key.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-token"

  rotation_rules {
    schedule_expression = "cron(0 4 ? * SUN#1 *)"
    duration            = "3h"
  }
}
