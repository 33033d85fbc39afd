variable "python_runtime" {
  type    = string
  default = "python3.9"
}

resource "aws_lambda_function" "legacy_node" {
  function_name = "legacy-node"
  role          = "arn:aws:iam::111122223333:role/legacy-node"
  filename      = "legacy-node.zip"
  handler       = "index.handler"
  runtime       = "nodejs16.x" # expect: aws-lambda-function-runtime-deprecated

  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_function" "legacy_python" {
  function_name = "legacy-python"
  role          = "arn:aws:iam::111122223333:role/legacy-python"
  filename      = "legacy-python.zip"
  handler       = "app.handler"
  runtime       = var.python_runtime # expect: aws-lambda-function-runtime-deprecated

  tracing_config {
    mode = "Active"
  }
}
