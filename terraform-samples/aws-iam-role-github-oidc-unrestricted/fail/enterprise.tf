# A GitHub Enterprise Cloud custom issuer: its claims are keyed
# token.actions.githubusercontent.com/<enterprise>:<claim>.
resource "aws_iam_role" "enterprise_any_repo" {
  name = "deploy"
  assume_role_policy = jsonencode({ # expect: aws-iam-role-github-oidc-unrestricted
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow", Action = "sts:AssumeRoleWithWebIdentity",
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/my-ent" },
      Condition = { StringLike = { "token.actions.githubusercontent.com/my-ent:sub" = "repo:*" } }
    }]
  })
}

resource "aws_iam_role" "enterprise_no_sub" {
  name = "deploy"
  assume_role_policy = jsonencode({ # expect: aws-iam-role-github-oidc-unrestricted
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow", Action = "sts:AssumeRoleWithWebIdentity",
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/my-ent" },
      Condition = { StringEquals = { "token.actions.githubusercontent.com/my-ent:aud" = "sts.amazonaws.com" } }
    }]
  })
}
