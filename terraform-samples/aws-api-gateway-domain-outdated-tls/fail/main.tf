resource "aws_api_gateway_domain_name" "legacy" {
  domain_name              = "legacy.example.com"
  regional_certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
  security_policy          = "TLS_1_0" # expect: aws-api-gateway-domain-outdated-tls

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_domain_name" "unpinned" { # expect: aws-api-gateway-domain-outdated-tls
  domain_name     = "api.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
}
