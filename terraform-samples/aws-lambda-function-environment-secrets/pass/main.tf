variable "db_password" {
  type      = string
  sensitive = true
}

variable "db_secret_arn" {
  type = string
}

resource "aws_lambda_function" "app" {
  function_name = "app"
  role          = "arn:aws:iam::111122223333:role/app"
  filename      = "app.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"

  tracing_config {
    mode = "Active"
  }

  environment {
    variables = {
      # References, ARNs and names of secrets, placeholders and ordinary settings.
      DB_SECRET_ARN   = var.db_secret_arn
      DB_PASSWORD     = var.db_password
      API_TOKEN_PARAM = "arn:aws:ssm:eu-west-1:111122223333:parameter/prod/api-token"
      API_KEY         = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/api-AbCdEf"
      ADMIN_PASSWORD  = "changeme"
      TOKEN_TTL       = "3600"
      TOKEN_AUDIENCE  = "sts.amazonaws.com"
      SECRET_NAME     = "prod/db/credentials"
      LOG_LEVEL       = "debug"
    }
  }
}
