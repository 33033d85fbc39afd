variable "kms" { default = null }
variable "retention" { default = 0 }
resource "aws_sqs_queue" "q" {
  name                      = "cond"
  kms_master_key_id         = var.kms
  message_retention_seconds = var.retention > 0 ? var.retention : 86400
  delay_seconds             = var.kms == null ? 1 : 2
  tags = {
    has_kms = var.kms != null
  }
}
