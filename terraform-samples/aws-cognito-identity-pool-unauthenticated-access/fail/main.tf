locals {
  guests = true
}

resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = true # expect: aws-cognito-identity-pool-unauthenticated-access
}

resource "aws_cognito_identity_pool" "shop" {
  identity_pool_name               = "shop"
  allow_unauthenticated_identities = local.guests # expect: aws-cognito-identity-pool-unauthenticated-access
}
