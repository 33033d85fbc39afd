# An EKS cluster whose API endpoint keeps AWS's defaults: public, from 0.0.0.0/0. The
# endpoint is outside the VPC, so no route, NACL or security group is on the path.
resource "aws_eks_cluster" "h" {
  name     = "h"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config { # expect: aws-eks-cluster-public-endpoint-open-to-internet
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }
}

# The allowed sources come from a variable without a default: the endpoint may be open
# to everyone, but who reaches it is unknown: undecided, not a finding.
variable "eks_admin_cidr" {
  type = string
}

resource "aws_eks_cluster" "h_variable" {
  name     = "h-variable"
  role_arn = "arn:aws:iam::123456789012:role/eks"

  vpc_config { # expect: aws-eks-cluster-public-endpoint
    subnet_ids          = ["subnet-0123456789abcdef0"]
    public_access_cidrs = [var.eks_admin_cidr]
  }
}
# also-expect: aws-eks-cluster-public-endpoint, aws-eks-cluster-public-endpoint-open-to-internet
