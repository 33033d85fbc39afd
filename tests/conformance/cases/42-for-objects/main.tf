variable "users" {
  default = {
    alice = { admin = true, groups = ["dev", "ops"] }
    bob   = { admin = false, groups = ["dev"] }
  }
}
locals {
  admins      = [for name, u in var.users : name if u.admin]
  memberships = flatten([for name, u in var.users : [for g in u.groups : "${name}:${g}"]])
  by_group    = { for m in local.memberships : split(":", m)[1] => split(":", m)[0]... }
}
resource "aws_sqs_queue" "q" {
  name = "for-objects"
  tags = {
    admins   = jsonencode(local.admins)
    members  = jsonencode(local.memberships)
    by_group = jsonencode(local.by_group)
  }
}
