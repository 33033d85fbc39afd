resource "aws_secretsmanager_secret" "db" { # expect: aws-secretsmanager-secret-not-customer-key
  name = "prod/db"
}

resource "aws_secretsmanager_secret" "api" {
  name       = "prod/api"
  kms_key_id = "alias/aws/secretsmanager" # expect: aws-secretsmanager-secret-not-customer-key
}

variable "secret_key" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager"
}

resource "aws_secretsmanager_secret" "token" {
  name       = "prod/token"
  kms_key_id = var.secret_key # expect: aws-secretsmanager-secret-not-customer-key
}
