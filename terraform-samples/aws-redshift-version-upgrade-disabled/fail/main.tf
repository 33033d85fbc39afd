resource "aws_redshift_cluster" "pinned" {
  cluster_identifier     = "pinned"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  publicly_accessible    = false
  allow_version_upgrade  = false # expect: aws-redshift-version-upgrade-disabled
}

variable "allow_upgrades" {
  type    = bool
  default = false
}

resource "aws_redshift_cluster" "from_variable" {
  cluster_identifier     = "from-variable"
  database_name          = "analytics"
  master_username        = "admin"
  manage_master_password = true
  node_type              = "ra3.xlplus"
  cluster_type           = "single-node"
  encrypted              = true
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  publicly_accessible    = false
  allow_version_upgrade  = var.allow_upgrades # expect: aws-redshift-version-upgrade-disabled
}
