# The ECR token carries only the caller's own ECR permissions, and the action accepts
# no resource but "*".
resource "aws_iam_policy" "ecr_login" {
  name   = "ecr-login"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ecr:GetAuthorizationToken", Resource = "*" }] })
}

# Scoped to one instance.
resource "aws_iam_policy" "one_instance" {
  name   = "one-instance"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:GetPasswordData", Resource = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123def4567890" }] })
}
