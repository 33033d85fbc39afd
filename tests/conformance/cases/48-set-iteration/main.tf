variable "cidrs" {
  type    = set(string)
  default = ["10.2.0.0/16", "10.1.0.0/16", "10.2.0.0/16"]
}
resource "aws_security_group" "sg" {
  name = "sets"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = tolist(var.cidrs)
  }
  tags = { count = length(var.cidrs), first = tolist(var.cidrs)[0] }
}
