resource "aws_network_acl" "inline" {
  vpc_id     = "vpc-0123456789abcdef0"
  subnet_ids = ["subnet-0123456789abcdef0"]
}

resource "aws_subnet" "app" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.1.0/24"
}

resource "aws_network_acl" "separate" {
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_network_acl_association" "app" {
  network_acl_id = aws_network_acl.separate.id
  subnet_id      = aws_subnet.app.id
}
