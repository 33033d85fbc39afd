# Conditions that do not narrow who may assume the role.
resource "aws_iam_role" "forallvalues_org" {
  name = "org-reader"
  # ForAllValues is true for principals outside any organization (the key is absent).
  assume_role_policy = jsonencode({ # expect: aws-iam-role-trust-any-principal
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole",
      Condition = { "ForAllValues:StringLike" = { "aws:PrincipalOrgPaths" = "o-abc123/*" } }
    }]
  })
}

resource "aws_iam_role" "any_account_role" {
  name = "reader"
  assume_role_policy = jsonencode({ # expect: aws-iam-role-trust-any-principal
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole",
      Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/deployer" } }
    }]
  })
}
