variable "api_key" {
  type    = string
  default = "ghp_0123456789abcdefghijABCDEFGHIJ012345"
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
    # A value from a variable is reported on the map; the variable's default is related.
    variables = { # expect: aws-lambda-function-environment-secrets
      DB_HOST           = "db.internal"
      DB_PASSWORD       = "hunter2hunter2" # expect: aws-lambda-function-environment-secrets
      AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE" # expect: aws-lambda-function-environment-secrets
      GITHUB_TOKEN      = var.api_key
      stripeApiKey      = "sk_live_4eC39HqLyjWDarjtT1zdp7dc" # expect: aws-lambda-function-environment-secrets
      SIGNING_SECRET    = "q8Zr2LxT9vKp4NwE7mYd3HsA" # expect: aws-lambda-function-environment-secrets
    }
  }
}
