resource "aws_eks_cluster" "office" {
  name     = "office"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config { # expect: aws-eks-cluster-public-endpoint
    subnet_ids          = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    public_access_cidrs = ["203.0.113.0/24", "198.51.100.7/32"]
  }
}

resource "aws_eks_cluster" "private" {
  name     = "private"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}
# also-expect: aws-eks-cluster-public-endpoint
