# Conditions that narrow a statement granted to everyone to what the owner controls.

# Only through VPC endpoints of one account, organization or organizational unit.
resource "aws_s3_bucket_policy" "vpce_account" {
  bucket = "app-data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid = "Account", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
        Condition = { StringEquals = { "aws:VpceAccount" = "123456789012" } }
      },
      {
        Sid = "Org", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
        Condition = { StringEquals = { "aws:VpceOrgID" = "o-abc123" } }
      },
      {
        Sid = "Unit", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
        Condition = { "ForAnyValue:StringLike" = { "aws:VpceOrgPaths" = "o-abc123/r-ab12/ou-ab12-11111111/*" } }
      },
    ]
  })
}

# An ARN that pins the account, and ForAnyValue on a single-valued key.
resource "aws_s3_bucket_policy" "pinned_arn" {
  bucket = "app-data"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid = "Readers", Effect = "Allow", Principal = { AWS = "*" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
        Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/reader-*" } }
      },
      {
        Sid = "OrgMembers", Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*",
        Condition = { "ForAnyValue:StringEquals" = { "aws:PrincipalOrgID" = "o-abc123" } }
      },
    ]
  })
}

# A service writing on behalf of one bucket: bucket names are global.
data "aws_iam_policy_document" "inventory" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::app-data/inventory/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:s3:::app-source"]
    }
  }
}

resource "aws_s3_bucket_policy" "inventory" {
  bucket = "app-data"
  policy = data.aws_iam_policy_document.inventory.json
}
