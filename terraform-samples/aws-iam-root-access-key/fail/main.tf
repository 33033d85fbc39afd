resource "aws_iam_access_key" "root" {
  user = "root"  # expect: aws-iam-root-access-key
}
