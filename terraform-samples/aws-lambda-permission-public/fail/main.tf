variable "invoker" {
  type    = string
  default = "*"
}

resource "aws_lambda_permission" "anyone" { # expect: aws-lambda-permission-public
  statement_id  = "AllowEveryone"
  action        = "lambda:InvokeFunction"
  function_name = "worker"
  principal     = "*"
}

resource "aws_lambda_permission" "through_variable" { # expect: aws-lambda-permission-public
  statement_id  = "AllowInvoker"
  action        = "lambda:InvokeFunction"
  function_name = "worker"
  principal     = var.invoker
}
