locals {
  share_with = ["all"]
}

resource "aws_db_snapshot" "release" {
  db_instance_identifier = "app"
  db_snapshot_identifier = "app-release"
  shared_accounts        = ["111122223333", "all"] # expect: aws-rds-snapshot-public
}

resource "aws_db_cluster_snapshot" "release" {
  db_cluster_identifier          = "aurora"
  db_cluster_snapshot_identifier = "aurora-release"
  shared_accounts                = local.share_with # expect: aws-rds-snapshot-public
}
