resource "aws_apigatewayv2_route" "get_orders" {
  api_id             = "f6g7h8i9j0"
  route_key          = "GET /orders"
  target             = "integrations/abc1234"
  authorization_type = "JWT"
  authorizer_id      = "jwt1234"
}

resource "aws_apigatewayv2_route" "connect" {
  api_id             = "k1l2m3n4o5"
  route_key          = "$connect"
  authorization_type = "AWS_IAM"
  target             = "integrations/def5678"
}

# Other WebSocket routes cannot take an authorizer: $connect guards the connection.
resource "aws_apigatewayv2_route" "send_message" {
  api_id    = "k1l2m3n4o5"
  route_key = "sendmessage"
  target    = "integrations/def5678"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_route" "http_default" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "$default"
  target             = "integrations/abc1234"
  authorization_type = "AWS_IAM"
}

# A WebSocket API's $default route takes no authorizer either.
resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "chat_default" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "$default"
  target    = "integrations/def5678"
}
