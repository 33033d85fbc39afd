resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Objects", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::app-data/*" },
      # These actions have no resource type: "*" is the only resource they accept.
      { Sid = "Listing", Effect = "Allow", Action = ["s3:ListAllMyBuckets", "ec2:DescribeInstances"], Resource = "*" },
      # A condition on tags scopes the statement.
      {
        Sid       = "TaggedKeys"
        Effect    = "Allow"
        Action    = "kms:Decrypt"
        Resource  = "*"
        Condition = { StringEquals = { "aws:ResourceTag/team" = "data" } }
      },
    ]
  })
}
