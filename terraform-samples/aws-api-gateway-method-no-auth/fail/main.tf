variable "authorization" {
  type    = string
  default = "NONE"
}

resource "aws_api_gateway_method" "get_orders" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = "NONE" # expect: aws-api-gateway-method-no-auth
}

resource "aws_api_gateway_method" "post_orders" {
  rest_api_id      = "a1b2c3d4e5"
  resource_id      = "abc123"
  http_method      = "POST"
  authorization    = var.authorization # expect: aws-api-gateway-method-no-auth
  api_key_required = false
}
