variable "url_auth" {
  type    = string
  default = "NONE"
}

resource "aws_lambda_function_url" "open" {
  function_name      = "api"
  authorization_type = "NONE" # expect: aws-lambda-function-url-no-auth
}

resource "aws_lambda_function_url" "through_variable" {
  function_name      = "webhook"
  authorization_type = var.url_auth # expect: aws-lambda-function-url-no-auth
}
