# Patterns that match a credentials action: ec2:GetPasswordData returns the
# administrator password of a Windows instance.
resource "aws_iam_policy" "ec2_all" {
  name   = "ec2-all"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ec2:Get*"], Resource = "*" }] }) # expect: aws-iam-policy-credentials-exposure
}

resource "aws_iam_policy" "password_data" {
  name   = "password-data"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:GetPasswordData", Resource = "*" }] }) # expect: aws-iam-policy-credentials-exposure
}

resource "aws_iam_policy" "redshift_serverless" {
  name   = "redshift-serverless"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "redshift-serverless:GetCredentials", Resource = "*" }] }) # expect: aws-iam-policy-credentials-exposure
}
