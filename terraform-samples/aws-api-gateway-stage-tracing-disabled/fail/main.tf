resource "aws_api_gateway_stage" "default" { # expect: aws-api-gateway-stage-tracing-disabled
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}

resource "aws_api_gateway_stage" "explicit" {
  rest_api_id          = "a1b2c3d4e5"
  deployment_id        = "abc123"
  stage_name           = "staging"
  xray_tracing_enabled = false # expect: aws-api-gateway-stage-tracing-disabled

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-access"
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}
