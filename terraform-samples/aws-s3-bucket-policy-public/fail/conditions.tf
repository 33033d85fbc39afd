# Conditions that do not narrow who can use a statement granted to everyone.

# ForAllValues is true when the key is absent, and any account can have a user of
# that name.
resource "aws_s3_bucket_policy" "forallvalues_username" {
  bucket = "app-data"
  policy = jsonencode({ # expect: aws-s3-bucket-policy-public
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
      Condition = { "ForAllValues:StringEquals" = { "aws:PrincipalOrgID" = "o-abc123" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "username" {
  bucket = "app-data"
  policy = jsonencode({ # expect: aws-s3-bucket-policy-public
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
      Condition = { StringEquals = { "aws:username" = "reader" } }
    }]
  })
}

# The account segment of the ARN is a wildcard: a role named reader in any account.
resource "aws_s3_bucket_policy" "any_account_arn" {
  bucket = "app-data"
  policy = jsonencode({ # expect: aws-s3-bucket-policy-public
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/reader" } }
    }]
  })
}

resource "aws_s3_bucket_policy" "any_source_account" {
  bucket = "app-data"
  policy = jsonencode({ # expect: aws-s3-bucket-policy-public
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "s3:PutObject", Resource = "arn:aws:s3:::app-data/*",
      Condition = { StringLike = { "aws:SourceAccount" = "*" } }
    }]
  })
}

# IfExists is true when the key is absent, as it is for anonymous requests.
resource "aws_s3_bucket_policy" "if_exists" {
  bucket = "app-data"
  policy = jsonencode({ # expect: aws-s3-bucket-policy-public
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
      Condition = { ArnLikeIfExists = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:*" } }
    }]
  })
}

# The resource's own organization is the same whoever calls.
data "aws_iam_policy_document" "resource_org" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceOrgID"
      values   = ["o-abc123"]
    }
  }
}

resource "aws_s3_bucket_policy" "resource_org" {
  bucket = "app-data"
  policy = data.aws_iam_policy_document.resource_org.json # expect: aws-s3-bucket-policy-public
}
