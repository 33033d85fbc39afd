resource "aws_docdb_cluster" "both" {
  cluster_identifier              = "both"
  engine                          = "docdb"
  master_username                 = "docdb"
  manage_master_user_password     = true
  storage_encrypted               = true
  backup_retention_period         = 7
  enabled_cloudwatch_logs_exports = ["profiler", "audit"]
}

resource "aws_docdb_cluster" "audit" {
  cluster_identifier              = "audit"
  engine                          = "docdb"
  master_username                 = "docdb"
  manage_master_user_password     = true
  storage_encrypted               = true
  backup_retention_period         = 7
  enabled_cloudwatch_logs_exports = ["audit"]
}
