resource "aws_apigatewayv2_route" "get_orders" { # expect: aws-api-gateway-v2-route-no-auth
  api_id    = "f6g7h8i9j0"
  route_key = "GET /orders"
  target    = "integrations/abc1234"
}

resource "aws_apigatewayv2_route" "connect" {
  api_id             = "k1l2m3n4o5"
  route_key          = "$connect"
  authorization_type = "NONE" # expect: aws-api-gateway-v2-route-no-auth
  target             = "integrations/def5678"
}

# The $default route of an HTTP API catches every request no other route matches.
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "http_default" { # expect: aws-api-gateway-v2-route-no-auth
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "$default"
  target    = "integrations/abc1234"
}
