resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = false

  cognito_identity_providers {
    client_id               = "6lhlkkfbfb4q5kpp90urffae"
    provider_name           = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Zr231apJu"
    server_side_token_check = true
  }
}

# The provider default is false.
resource "aws_cognito_identity_pool" "internal" {
  identity_pool_name = "internal"
}
