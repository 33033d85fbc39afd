resource "aws_api_gateway_method_settings" "cached" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"

  settings {
    metrics_enabled      = true
    caching_enabled      = true
    cache_data_encrypted = true
    cache_ttl_in_seconds = 300
  }
}

# No cache, nothing to encrypt.
resource "aws_api_gateway_method_settings" "uncached" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "orders/POST"

  settings {
    logging_level = "ERROR"
  }
}
