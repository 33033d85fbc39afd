locals {
  origins = ["https://app.example.com", "*"]
}

resource "aws_lambda_function_url" "wildcard" {
  function_name      = "api"
  authorization_type = "AWS_IAM"

  cors {
    allow_origins = ["*"] # expect: aws-lambda-function-url-cors-any-origin
    allow_methods = ["GET"]
  }
}

resource "aws_lambda_function_url" "through_local" {
  function_name      = "webhook"
  authorization_type = "AWS_IAM"

  cors {
    allow_origins = local.origins # expect: aws-lambda-function-url-cors-any-origin
    allow_methods = ["POST"]
  }
}
