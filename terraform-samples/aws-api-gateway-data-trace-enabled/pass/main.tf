resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"

  settings {
    metrics_enabled    = true
    logging_level      = "ERROR"
    data_trace_enabled = false
  }
}

resource "aws_api_gateway_method_settings" "default" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "orders/POST"

  settings {
    logging_level = "INFO"
  }
}
