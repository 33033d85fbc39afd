# ForAllValues on the single-valued aws:username is true when the key is absent, and
# any account can have a user of that name.
resource "aws_ecr_repository_policy" "forallvalues_username" {
  repository = "app"
  policy = jsonencode({ # expect: aws-ecr-repository-policy-public
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage",
      Condition = { "ForAllValues:StringEquals" = { "aws:username" = "pull-user" } }
    }]
  })
}
