resource "aws_eks_cluster" "defaults" {
  name     = "defaults"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config { # expect: aws-eks-cluster-public-endpoint-open-to-internet
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
}

resource "aws_eks_cluster" "halves" {
  name     = "halves"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_public_access = true
    public_access_cidrs    = ["0.0.0.0/1", "128.0.0.0/1"] # expect: aws-eks-cluster-public-endpoint-open-to-internet
  }
}

# The provider sends public_access_cidrs only when the list is not empty: `[]` leaves
# EKS's default, 0.0.0.0/0.
resource "aws_eks_cluster" "empty" {
  name     = "empty"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config {
    subnet_ids          = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    public_access_cidrs = [] # expect: aws-eks-cluster-public-endpoint-open-to-internet
  }
}
# also-expect: aws-eks-cluster-public-endpoint
