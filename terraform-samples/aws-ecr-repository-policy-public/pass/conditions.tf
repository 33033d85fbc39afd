resource "aws_ecr_repository_policy" "org_pull" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage",
      Condition = { "ForAnyValue:StringLike" = { "aws:PrincipalOrgPaths" = "o-abc123/r-ab12/*" } }
    }]
  })
}
