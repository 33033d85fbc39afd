variable "encrypt_cache" {
  type    = bool
  default = false
}

resource "aws_api_gateway_method_settings" "cached" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "*/*"

  settings { # expect: aws-api-gateway-cache-not-encrypted
    caching_enabled = true
  }
}

resource "aws_api_gateway_method_settings" "explicit" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = "prod"
  method_path = "items/GET"

  settings {
    caching_enabled      = true
    cache_ttl_in_seconds = 300
    cache_data_encrypted = var.encrypt_cache # expect: aws-api-gateway-cache-not-encrypted
  }
}
