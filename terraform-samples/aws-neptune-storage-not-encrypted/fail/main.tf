locals {
  encrypt = false
}

resource "aws_neptune_cluster" "defaulted" { # expect: aws-neptune-storage-not-encrypted
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  iam_database_authentication_enabled = true
}

resource "aws_neptune_cluster" "from_local" {
  cluster_identifier                  = "graph"
  engine                              = "neptune"
  iam_database_authentication_enabled = true
  storage_encrypted                   = local.encrypt # expect: aws-neptune-storage-not-encrypted
}
