resource "aws_cloudwatch_log_group" "api_access" {
  name              = "api-access"
  retention_in_days = 365
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_api_gateway_stage" "rest" {
  rest_api_id          = "a1b2c3d4e5"
  deployment_id        = "abc123"
  stage_name           = "prod"
  xray_tracing_enabled = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = "f6g7h8i9j0"
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}
