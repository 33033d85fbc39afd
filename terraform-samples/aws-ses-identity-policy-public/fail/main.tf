resource "aws_ses_domain_identity" "example" {
  domain = "example.com"
}

resource "aws_ses_domain_dkim" "example" {
  domain = aws_ses_domain_identity.example.domain
}

data "aws_iam_policy_document" "anyone" {
  statement {
    actions   = ["SES:SendEmail", "SES:SendRawEmail"]
    resources = [aws_ses_domain_identity.example.arn]

    principals {
      identifiers = ["*"]
      type        = "AWS"
    }
  }
}

resource "aws_ses_identity_policy" "anyone" {
  name     = "anyone"
  identity = aws_ses_domain_identity.example.arn
  policy   = data.aws_iam_policy_document.anyone.json # expect: aws-ses-identity-policy-public
}

resource "aws_ses_identity_policy" "literal" {
  name     = "literal"
  identity = aws_ses_domain_identity.example.arn
  policy = jsonencode({ # expect: aws-ses-identity-policy-public
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "ses:SendEmail"
      Resource  = "arn:aws:ses:eu-west-1:111122223333:identity/example.com"
    }]
  })
}
