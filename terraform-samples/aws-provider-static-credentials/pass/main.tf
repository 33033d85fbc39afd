provider "aws" {
  region = "eu-west-1"

  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/terraform"
  }
}

# A variable without a default is supplied at run time (TF_VAR_, a CI secret).
variable "secret_key" {
  type      = string
  sensitive = true
}

provider "aws" {
  alias      = "legacy"
  region     = "us-east-1"
  profile    = "legacy"
  secret_key = var.secret_key
}
