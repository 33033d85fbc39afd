resource "aws_redshift_cluster" "silent" { # expect: aws-redshift-audit-logging-disabled
  cluster_identifier     = "silent"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false
  enhanced_vpc_routing   = true
}

resource "aws_redshift_cluster" "inline_off" {
  cluster_identifier     = "inline-off"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false
  enhanced_vpc_routing   = true

  logging {
    enable = false # expect: aws-redshift-audit-logging-disabled
  }
}
