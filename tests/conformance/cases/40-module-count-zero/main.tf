variable "create" { default = false }
module "maybe" {
  source = "./m"
  count  = var.create ? 1 : 0
}
module "always" {
  source = "./m"
  count  = var.create ? 0 : 1
}
