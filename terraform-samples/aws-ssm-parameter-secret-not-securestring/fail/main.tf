variable "db_password" {
  type      = string
  sensitive = true
}

locals {
  plain = "String"
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/prod/db/password"
  type  = "String" # expect: aws-ssm-parameter-secret-not-securestring
  value = var.db_password
}

resource "aws_ssm_parameter" "api_key" {
  name  = "/prod/payments/API_KEY"
  type  = local.plain # expect: aws-ssm-parameter-secret-not-securestring
  value = var.db_password
}
