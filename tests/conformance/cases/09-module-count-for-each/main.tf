module "counted" {
  source = "./mod"
  count  = 2
  label  = "c${count.index}"
}
module "keyed" {
  source   = "./mod"
  for_each = { x = "ex", y = "why" }
  label    = each.value
}
