locals {
  actions = ["s3:GetObject", "s3:PutObject"]
}
resource "aws_iam_policy" "p" {
  name = "jsonencoded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = local.actions
      Resource = "arn:aws:s3:::bucket/*"
    }]
  })
}
resource "aws_iam_policy" "heredoc" {
  name   = "heredoc"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::bucket"
    }
  ]
}
EOT
}
