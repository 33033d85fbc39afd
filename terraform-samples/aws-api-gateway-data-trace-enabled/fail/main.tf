locals {
  debug = true
}

resource "aws_api_gateway_method_settings" "traced" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"

  settings {
    logging_level      = "INFO"
    data_trace_enabled = true # expect: aws-api-gateway-data-trace-enabled
  }
}

resource "aws_api_gateway_method_settings" "debugging" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "orders/POST"

  settings {
    logging_level      = "INFO"
    data_trace_enabled = local.debug # expect: aws-api-gateway-data-trace-enabled
  }
}
