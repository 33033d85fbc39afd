# Module instances with identical inputs (module.net's three for_each instances, and
# module.sg inside each of them) reuse one evaluation; module.zone's differ.
variable "admin_cidr" {
  default = "0.0.0.0/0"
}

module "net" {
  source   = "./modules/net"
  for_each = toset(["a", "b", "c"])
  cidr     = "10.0.0.0/16"
  admin    = var.admin_cidr
  subnets  = 2
}

module "zone" {
  source  = "./modules/net"
  count   = 2
  cidr    = "10.${count.index + 1}.0.0/16"
  admin   = "10.0.0.0/8"
  subnets = 1
}

resource "aws_security_group_rule" "extra" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [module.net["b"].admin]
  security_group_id = module.net["b"].sg_id
}

output "vpcs" {
  value = [for k, m in module.net : m.vpc_id]
}
