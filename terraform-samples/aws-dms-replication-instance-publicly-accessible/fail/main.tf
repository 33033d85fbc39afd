resource "aws_dms_replication_instance" "migration" {
  replication_instance_id     = "migration"
  replication_instance_class  = "dms.t3.medium"
  allocated_storage           = 50
  replication_subnet_group_id = "migration"
  kms_key_arn                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  publicly_accessible         = true # expect: aws-dms-replication-instance-publicly-accessible
}

variable "public" {
  type    = bool
  default = true
}

resource "aws_dms_replication_instance" "from_variable" {
  replication_instance_id     = "from-variable"
  replication_instance_class  = "dms.t3.medium"
  allocated_storage           = 50
  replication_subnet_group_id = "migration"
  kms_key_arn                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  publicly_accessible         = var.public # expect: aws-dms-replication-instance-publicly-accessible
}
