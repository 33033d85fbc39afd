resource "aws_lambda_function_url" "signed" {
  function_name      = "api"
  qualifier          = "live"
  authorization_type = "AWS_IAM"
}
