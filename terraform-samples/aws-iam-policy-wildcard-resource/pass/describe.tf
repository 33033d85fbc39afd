# These Describe actions have no resource type: "*" is the only resource they accept.
resource "aws_iam_policy" "describe_network" {
  name = "describe-network"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ec2:DescribeInstances", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs"]
      Resource = "*"
    }]
  })
}

# The attribute actions accept instance ARNs.
resource "aws_iam_policy" "describe_attribute" {
  name   = "describe-attribute"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:DescribeInstanceAttribute", Resource = "arn:aws:ec2:*:123456789012:instance/*" }] })
}
