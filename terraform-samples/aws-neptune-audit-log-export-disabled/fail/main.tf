variable "neptune_exports" {
  type    = list(string)
  default = ["slowquery"]
}

resource "aws_neptune_cluster" "none" { # expect: aws-neptune-audit-log-export-disabled
  cluster_identifier                  = "none"
  engine                              = "neptune"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
}

resource "aws_neptune_cluster" "slow_only" {
  cluster_identifier                  = "slow-only"
  engine                              = "neptune"
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  enable_cloudwatch_logs_exports      = var.neptune_exports # expect: aws-neptune-audit-log-export-disabled
}
