resource "aws_api_gateway_rest_api" "public" {
  name = "orders"
}

resource "aws_api_gateway_stage" "prod" { # expect: aws-api-gateway-stage-no-waf
  rest_api_id   = aws_api_gateway_rest_api.public.id
  deployment_id = "abc123"
  stage_name    = "prod"
}

resource "aws_api_gateway_rest_api" "regional" {
  name = "payments"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "regional" { # expect: aws-api-gateway-stage-no-waf
  rest_api_id   = aws_api_gateway_rest_api.regional.id
  deployment_id = "def456"
  stage_name    = "live"
}
