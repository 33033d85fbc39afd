locals {
  encrypt = false
}

resource "aws_redshift_cluster" "defaulted" { # expect: aws-redshift-not-encrypted
  cluster_identifier     = "defaulted"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  publicly_accessible    = false
}

resource "aws_redshift_cluster" "from_local" {
  cluster_identifier     = "from-local"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = local.encrypt # expect: aws-redshift-not-encrypted
  publicly_accessible    = false
}
