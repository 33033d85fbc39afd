resource "aws_iam_role" "org_units" {
  name = "org-reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole",
      Condition = { "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = "o-abc123/r-ab12/ou-ab12-11111111/*" } }
    }]
  })
}

resource "aws_iam_role" "one_account_role" {
  name = "reader"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole",
      Condition = { ArnEquals = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/deployer" } }
    }]
  })
}
