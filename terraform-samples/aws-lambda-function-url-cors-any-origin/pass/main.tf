resource "aws_lambda_function_url" "app" {
  function_name      = "api"
  authorization_type = "AWS_IAM"

  cors {
    allow_origins     = ["https://app.example.com", "https://admin.example.com"]
    allow_methods     = ["GET", "POST"]
    allow_credentials = true
    max_age           = 3600
  }
}

# No cors block: browsers get no cross-origin access at all.
resource "aws_lambda_function_url" "internal" {
  function_name      = "internal"
  authorization_type = "AWS_IAM"
}
