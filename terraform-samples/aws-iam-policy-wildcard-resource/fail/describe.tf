# 17 ec2:Describe* actions have a resource type in the Service Authorization Reference
# (ec2:DescribeInstanceAttribute, ec2:DescribeSnapshotAttribute, …).
resource "aws_iam_policy" "describe_all" {
  name   = "describe-all"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }] }) # expect: aws-iam-policy-wildcard-resource
}
