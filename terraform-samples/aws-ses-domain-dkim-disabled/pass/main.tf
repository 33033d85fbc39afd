resource "aws_ses_domain_identity" "by_reference" {
  domain = "example.com"
}

resource "aws_ses_domain_dkim" "by_reference" {
  domain = aws_ses_domain_identity.by_reference.domain
}

resource "aws_ses_domain_identity" "by_name" {
  domain = "example.org"
}

resource "aws_ses_domain_dkim" "by_name" {
  domain = "example.org"
}
