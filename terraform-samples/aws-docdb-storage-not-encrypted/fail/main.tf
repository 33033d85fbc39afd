locals {
  encrypt = false
}

resource "aws_docdb_cluster" "defaulted" { # expect: aws-docdb-storage-not-encrypted
  cluster_identifier          = "documents"
  engine                      = "docdb"
  master_username             = "app"
  manage_master_user_password = true
}

resource "aws_docdb_cluster" "from_local" {
  cluster_identifier          = "documents"
  engine                      = "docdb"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = local.encrypt # expect: aws-docdb-storage-not-encrypted
}
