resource "aws_db_snapshot" "release" {
  db_instance_identifier = "app"
  db_snapshot_identifier = "app-release"
  shared_accounts        = ["111122223333"]
}

resource "aws_db_cluster_snapshot" "nightly" {
  db_cluster_identifier          = "aurora"
  db_cluster_snapshot_identifier = "aurora-nightly"
}
