resource "aws_dms_replication_instance" "migration" {
  replication_instance_id     = "migration"
  replication_instance_class  = "dms.t3.medium"
  allocated_storage           = 50
  replication_subnet_group_id = "migration"
  kms_key_arn                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_dms_replication_instance" "explicit" {
  replication_instance_id     = "explicit"
  replication_instance_class  = "dms.t3.medium"
  allocated_storage           = 50
  replication_subnet_group_id = "migration"
  kms_key_arn                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  publicly_accessible         = false
}
