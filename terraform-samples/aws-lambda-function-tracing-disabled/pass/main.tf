variable "tracing_mode" {
  type    = string
  default = "Active"
}

resource "aws_lambda_function" "traced" {
  function_name = "traced"
  role          = "arn:aws:iam::111122223333:role/traced"
  filename      = "traced.zip"
  handler       = "index.handler"
  runtime       = "nodejs22.x"

  tracing_config {
    mode = var.tracing_mode
  }
}
