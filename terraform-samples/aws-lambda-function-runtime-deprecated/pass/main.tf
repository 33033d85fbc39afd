resource "aws_lambda_function" "current" {
  function_name = "current"
  role          = "arn:aws:iam::111122223333:role/current"
  filename      = "current.zip"
  handler       = "app.handler"
  runtime       = "python3.13"

  tracing_config {
    mode = "Active"
  }
}

# A container image carries its own runtime.
resource "aws_lambda_function" "image" {
  function_name = "image"
  role          = "arn:aws:iam::111122223333:role/image"
  package_type  = "Image"
  image_uri     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/image:1.4.2"

  tracing_config {
    mode = "Active"
  }
}
