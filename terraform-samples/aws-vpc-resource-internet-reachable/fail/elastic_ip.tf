# No public address at launch, but an Elastic IP; the main route table (adopted with
# aws_default_route_table) routes the internet, in two halves, to the gateway.
resource "aws_vpc" "b" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_internet_gateway" "b" {
  vpc_id = aws_vpc.b.id
}

resource "aws_default_route_table" "b" {
  default_route_table_id = aws_vpc.b.default_route_table_id

  route {
    cidr_block = "0.0.0.0/1"
    gateway_id = aws_internet_gateway.b.id
  }

  route {
    cidr_block = "128.0.0.0/1"
    gateway_id = aws_internet_gateway.b.id
  }
}

resource "aws_subnet" "b" {
  vpc_id     = aws_vpc.b.id
  cidr_block = "10.2.0.0/24"
}

resource "aws_security_group" "b_app" {
  name   = "b-app"
  vpc_id = aws_vpc.b.id
}

resource "aws_vpc_security_group_ingress_rule" "b_app" {
  security_group_id = aws_security_group.b_app.id
  ip_protocol       = "tcp"
  from_port         = 8000
  to_port           = 8000
  cidr_ipv4         = "0.0.0.0/0" # expect: aws-vpc-sg-port-open-to-internet
}

resource "aws_instance" "b" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.b.id
  vpc_security_group_ids = [aws_security_group.b_app.id]
}

resource "aws_eip" "b" {
  instance = aws_instance.b.id
  domain   = "vpc"
}
# also-expect: aws-vpc-sg-port-open-to-internet
