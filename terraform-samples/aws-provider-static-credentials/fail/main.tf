provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" # expect: aws-provider-static-credentials
}

variable "deploy_secret_key" {
  type    = string
  default = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"
}

provider "aws" {
  alias      = "us"
  region     = "us-east-1"
  secret_key = var.deploy_secret_key # expect: aws-provider-static-credentials
}
