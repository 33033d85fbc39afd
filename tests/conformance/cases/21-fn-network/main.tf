resource "aws_sqs_queue" "q" {
  name = "21-fn-network"
  tags = {
    subnet    = cidrsubnet("10.0.0.0/16", 8, 3)
    subnet6   = cidrsubnet("fd00::/56", 8, 1)
    subnets   = jsonencode(cidrsubnets("10.1.0.0/16", 4, 4, 8))
    host      = cidrhost("10.0.1.0/24", 5)
    hostneg   = cidrhost("10.0.1.0/24", -2)
    netmask   = cidrnetmask("172.16.0.0/12")
    hostv6    = cidrhost("2001:db8::/64", 300)
  }
}
