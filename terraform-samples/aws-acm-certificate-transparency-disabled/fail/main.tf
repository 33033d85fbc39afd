resource "aws_acm_certificate" "quiet" {
  domain_name       = "internal.example.com"
  validation_method = "DNS"

  options {
    certificate_transparency_logging_preference = "DISABLED" # expect: aws-acm-certificate-transparency-disabled
  }
}

variable "ct_logging" {
  type    = string
  default = "DISABLED"
}

resource "aws_acm_certificate" "through_variable" {
  domain_name       = "staging.example.com"
  validation_method = "DNS"

  options {
    certificate_transparency_logging_preference = var.ct_logging # expect: aws-acm-certificate-transparency-disabled
  }
}
