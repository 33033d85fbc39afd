resource "aws_api_gateway_method" "get_orders" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "partner_feed" {
  rest_api_id      = "a1b2c3d4e5"
  resource_id      = "def456"
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

# CORS preflight requests carry no credentials.
resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "abc123"
  http_method   = "OPTIONS"
  authorization = "NONE"
}
