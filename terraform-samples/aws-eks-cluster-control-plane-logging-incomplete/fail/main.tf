variable "cluster_log_types" {
  type    = list(string)
  default = ["api", "authenticator", "controllerManager", "scheduler"]
}

resource "aws_eks_cluster" "no_logs" { # expect: aws-eks-cluster-control-plane-logging-incomplete
  name     = "no-logs"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"
  version  = "1.34"

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_eks_cluster" "some_logs" { # expect: aws-eks-cluster-control-plane-logging-incomplete
  name                      = "some-logs"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  version                   = "1.34"
  enabled_cluster_log_types = ["api", "audit"]

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_eks_cluster" "no_audit" { # expect: aws-eks-cluster-control-plane-logging-incomplete
  name                      = "no-audit"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  version                   = "1.34"
  enabled_cluster_log_types = var.cluster_log_types

  vpc_config {
    subnet_ids              = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
