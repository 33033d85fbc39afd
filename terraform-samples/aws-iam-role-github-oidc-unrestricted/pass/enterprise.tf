# The sub claim of a GitHub Enterprise Cloud custom issuer pins the repository.
resource "aws_iam_role" "enterprise_repo" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow", Action = "sts:AssumeRoleWithWebIdentity",
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/my-ent" },
      Condition = { StringEquals = { "token.actions.githubusercontent.com/my-ent:sub" = "repo:my-org/my-repo:ref:refs/heads/main" } }
    }]
  })
}

resource "aws_iam_role" "enterprise_key_github_provider" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow", Action = "sts:AssumeRoleWithWebIdentity",
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
      Condition = { StringEquals = { "token.actions.githubusercontent.com/my-ent:sub" = "repo:my-org/my-repo:ref:refs/heads/main" } }
    }]
  })
}
