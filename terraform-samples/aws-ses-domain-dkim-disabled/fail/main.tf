resource "aws_ses_domain_identity" "unsigned" { # expect: aws-ses-domain-dkim-disabled
  domain = "mail.example.com"
}

resource "aws_ses_domain_identity" "signed" {
  domain = "example.com"
}

# DKIM for another domain does not sign mail.example.com.
resource "aws_ses_domain_dkim" "signed" {
  domain = aws_ses_domain_identity.signed.domain
}
