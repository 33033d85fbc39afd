resource "aws_secretsmanager_secret" "db" { # expect: aws-secretsmanager-secret-not-customer-key, aws-secretsmanager-rotation-disabled
  name = "prod/db"
}

resource "aws_secretsmanager_secret" "api" { # expect: aws-secretsmanager-rotation-disabled
  name       = "prod/api"
  kms_key_id = "alias/aws/secretsmanager" # expect: aws-secretsmanager-secret-not-customer-key
}
