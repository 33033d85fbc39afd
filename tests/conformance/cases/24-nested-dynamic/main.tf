variable "origins" {
  default = {
    a = { domain = "a.example.com", headers = ["h1", "h2"] }
    b = { domain = "b.example.com", headers = [] }
  }
}
resource "aws_wafv2_ip_set" "s" {
  name               = "ips"
  scope              = "REGIONAL"
  ip_address_version = "IPV4"
  addresses          = [for k, o in var.origins : "10.0.0.${length(o.headers)}/32"]
}
resource "aws_security_group" "sg" {
  name = "nested"
  dynamic "ingress" {
    for_each = { for k, o in var.origins : k => o if length(o.headers) > 0 }
    content {
      description = ingress.key
      from_port   = 443
      to_port     = 443
      protocol    = "tcp"
      cidr_blocks = [for h in ingress.value.headers : "10.${index(ingress.value.headers, h)}.0.0/16"]
    }
  }
  dynamic "egress" {
    for_each = toset(["0.0.0.0/0"])
    iterator = cidr
    content {
      from_port   = 0
      to_port     = 0
      protocol    = "-1"
      cidr_blocks = [cidr.value]
    }
  }
}
