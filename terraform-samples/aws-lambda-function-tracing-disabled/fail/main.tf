resource "aws_lambda_function" "untraced" { # expect: aws-lambda-function-tracing-disabled
  function_name = "untraced"
  role          = "arn:aws:iam::111122223333:role/untraced"
  filename      = "untraced.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}

resource "aws_lambda_function" "pass_through" {
  function_name = "pass-through"
  role          = "arn:aws:iam::111122223333:role/pass-through"
  filename      = "pass-through.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"

  tracing_config {
    mode = "PassThrough" # expect: aws-lambda-function-tracing-disabled
  }
}
