resource "aws_docdb_cluster" "none" { # expect: aws-documentdb-audit-log-export-disabled
  cluster_identifier          = "none"
  engine                      = "docdb"
  master_username             = "docdb"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
}

resource "aws_docdb_cluster" "profiler_only" {
  cluster_identifier              = "profiler-only"
  engine                          = "docdb"
  master_username                 = "docdb"
  manage_master_user_password     = true
  storage_encrypted               = true
  backup_retention_period         = 7
  enabled_cloudwatch_logs_exports = ["profiler"] # expect: aws-documentdb-audit-log-export-disabled
}
