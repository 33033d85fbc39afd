# Per-region administrator ranges, chosen by the region the provider is configured for.
# Terraform reads data.aws_region from the provider configuration at plan time; reading
# the source alone cannot know it.
data "aws_region" "current" {}

locals {
  admin_cidr_by_region = {
    "eu-west-1" = "0.0.0.0/0"
    "us-east-1" = "10.0.0.0/8"
  }
}

output "value" {
  value = local.admin_cidr_by_region[data.aws_region.current.name]
}
