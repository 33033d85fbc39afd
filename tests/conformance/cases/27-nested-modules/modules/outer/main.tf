variable "prefix" {}
module "inner" {
  source   = "../inner"
  for_each = toset(["one", "two"])
  name     = "${var.prefix}-${each.key}"
}
output "inner_name" {
  value = "${module.inner["one"].name}-root"
}
