variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_cidr" {
  type    = string
  default = "10.40.0.0/16"
}

variable "web_ami" {
  type    = string
  default = "ami-0123456789abcdef0"
}

variable "admin_cidrs" {
  description = "Who may SSH to the web servers."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "encrypt_database" {
  type    = bool
  default = false
}

# The audit trail's key, log group and delivery role belong to the security account.
variable "audit_kms_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

variable "audit_log_group_arn" {
  type    = string
  default = "arn:aws:logs:eu-west-1:111122223333:log-group:audit-trail"
}

variable "audit_delivery_role_arn" {
  type    = string
  default = "arn:aws:iam::111122223333:role/audit-trail-to-cloudwatch"
}
