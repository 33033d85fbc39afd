# A publicly accessible PostgreSQL instance in subnets that map public addresses and
# route to an internet gateway, with a NACL that allows the port and the replies.
resource "aws_vpc" "c" {
  cidr_block = "10.3.0.0/16"
}

resource "aws_internet_gateway" "c" {
  vpc_id = aws_vpc.c.id
}

resource "aws_route_table" "c" {
  vpc_id = aws_vpc.c.id
}

resource "aws_route" "c_internet" {
  route_table_id         = aws_route_table.c.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.c.id
}

resource "aws_main_route_table_association" "c" {
  vpc_id         = aws_vpc.c.id
  route_table_id = aws_route_table.c.id
}

resource "aws_subnet" "c1" {
  vpc_id     = aws_vpc.c.id
  cidr_block = "10.3.1.0/24"
}

resource "aws_subnet" "c2" {
  vpc_id     = aws_vpc.c.id
  cidr_block = "10.3.2.0/24"
}

resource "aws_network_acl" "c" {
  vpc_id     = aws_vpc.c.id
  subnet_ids = [aws_subnet.c1.id, aws_subnet.c2.id]

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 5432
    to_port    = 5432
    cidr_block = "0.0.0.0/0"
  }

  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 1024
    to_port    = 65535
    cidr_block = "0.0.0.0/0"
  }
}

resource "aws_db_subnet_group" "c" {
  name       = "c"
  subnet_ids = [aws_subnet.c1.id, aws_subnet.c2.id]
}

resource "aws_security_group" "c_db" {
  name   = "c-db"
  vpc_id = aws_vpc.c.id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-database-port-open-to-internet
  }
}

resource "aws_db_instance" "c" {
  identifier             = "c"
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  storage_encrypted      = true
  db_subnet_group_name   = aws_db_subnet_group.c.name
  vpc_security_group_ids = [aws_security_group.c_db.id]
  publicly_accessible    = true
}
# also-expect: aws-vpc-sg-database-port-open-to-internet
