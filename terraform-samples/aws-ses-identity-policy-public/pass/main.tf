resource "aws_ses_domain_identity" "example" {
  domain = "example.com"
}

resource "aws_ses_domain_dkim" "example" {
  domain = aws_ses_domain_identity.example.domain
}

data "aws_iam_policy_document" "delegate" {
  statement {
    actions   = ["ses:SendEmail", "ses:SendRawEmail"]
    resources = [aws_ses_domain_identity.example.arn]

    principals {
      identifiers = ["arn:aws:iam::111122223333:root"]
      type        = "AWS"
    }
  }
}

resource "aws_ses_identity_policy" "delegate" {
  name     = "delegate"
  identity = aws_ses_domain_identity.example.arn
  policy   = data.aws_iam_policy_document.delegate.json
}

# Anyone, but only from the organisation's accounts.
resource "aws_ses_identity_policy" "organisation" {
  name     = "organisation"
  identity = aws_ses_domain_identity.example.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "ses:SendEmail"
      Resource  = "arn:aws:ses:eu-west-1:111122223333:identity/example.com"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123def4" } }
    }]
  })
}
