resource "aws_eks_node_group" "restricted" {
  cluster_name    = "main"
  node_group_name = "restricted"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = ["sg-0123456789abcdef0"]
  }
}

# No remote access at all.
resource "aws_eks_node_group" "closed" {
  cluster_name    = "main"
  node_group_name = "closed"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }
}

# The group's id is known only after apply, but the list is not empty: SSH is limited
# to that group whatever its id turns out to be.
resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "Administrators' bastion hosts"
}

resource "aws_eks_node_group" "via_bastion" {
  cluster_name    = "main"
  node_group_name = "via-bastion"
  node_role_arn   = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 3
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = [aws_security_group.bastion.id]
  }
}
