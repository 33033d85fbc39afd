# The same public instance, but its NACL denies SSH before allowing the rest.
resource "aws_vpc" "a" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_internet_gateway" "a" {
  vpc_id = aws_vpc.a.id
}

resource "aws_subnet" "a_public" {
  vpc_id                  = aws_vpc.a.id
  cidr_block              = "10.1.0.0/24"
  map_public_ip_on_launch = true # expect: aws-vpc-subnet-auto-assigns-public-ip
}

resource "aws_route_table" "a_public" {
  vpc_id = aws_vpc.a.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.a.id
  }
}

resource "aws_route_table_association" "a_public" {
  subnet_id      = aws_subnet.a_public.id
  route_table_id = aws_route_table.a_public.id
}

resource "aws_network_acl" "a" {
  vpc_id = aws_vpc.a.id
}

resource "aws_network_acl_association" "a" {
  network_acl_id = aws_network_acl.a.id
  subnet_id      = aws_subnet.a_public.id
}

resource "aws_network_acl_rule" "a_deny_ssh" {
  network_acl_id = aws_network_acl.a.id
  rule_number    = 90
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}

resource "aws_network_acl_rule" "a_https" {
  network_acl_id = aws_network_acl.a.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}

resource "aws_security_group" "a_ssh" {
  name   = "a-ssh"
  vpc_id = aws_vpc.a.id

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_instance" "a" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.a_public.id
  vpc_security_group_ids = [aws_security_group.a_ssh.id]
}
# also-expect: aws-vpc-subnet-auto-assigns-public-ip, aws-vpc-sg-admin-port-open-to-internet
