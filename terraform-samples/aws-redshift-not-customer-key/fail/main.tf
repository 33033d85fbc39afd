resource "aws_redshift_cluster" "defaulted" { # expect: aws-redshift-not-customer-key
  cluster_identifier     = "defaulted"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
  publicly_accessible    = false
}

resource "aws_redshift_cluster" "aws_managed" {
  cluster_identifier     = "aws-managed"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:alias/aws/redshift" # expect: aws-redshift-not-customer-key
  publicly_accessible    = false
}
