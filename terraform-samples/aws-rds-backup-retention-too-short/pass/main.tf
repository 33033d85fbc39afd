resource "aws_db_instance" "primary" {
  identifier                          = "primary"
  engine                              = "postgres"
  engine_version                      = "16.3"
  instance_class                      = "db.t3.medium"
  allocated_storage                   = 50
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period             = 7
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  multi_az                            = true
}

# A read replica relies on its source's backups.
resource "aws_db_instance" "replica" {
  identifier                          = "replica"
  instance_class                      = "db.t3.medium"
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  multi_az                            = true
  replicate_source_db                 = aws_db_instance.primary.identifier
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "aurora"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.2"
  master_username                     = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  backup_retention_period             = 35
  iam_database_authentication_enabled = true
  deletion_protection                 = true
}

# A read replica through a variable; a null argument next to it changes nothing.
variable "replica_source" {
  type    = string
  default = "primary"
}

resource "aws_db_instance" "replica_by_variable" {
  identifier                          = "replica-by-variable"
  instance_class                      = "db.t3.medium"
  storage_encrypted                   = true
  kms_key_id                          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  iam_database_authentication_enabled = true
  deletion_protection                 = true
  multi_az                            = true
  replicate_source_db                 = var.replica_source
  backup_retention_period             = null
}
