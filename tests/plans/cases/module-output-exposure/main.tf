# The open CIDR reaches the security group through a module output that depends on a
# data source Terraform reads at plan time (the provider's region), which reading the
# source leaves unknown: the source scan is undecided, the plan scan finds the exposure.
module "cidr" {
  source = "./modules/cidr"
}

resource "aws_security_group" "ssh" {
  name = "ssh"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [module.cidr.value]
  }
}
