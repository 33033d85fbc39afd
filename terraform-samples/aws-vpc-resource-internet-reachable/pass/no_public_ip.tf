# A public subnet, but the instance gets no public address and the database is not
# publicly accessible.
resource "aws_vpc" "c" {
  cidr_block = "10.3.0.0/16"
}

resource "aws_internet_gateway" "c" {
  vpc_id = aws_vpc.c.id
}

resource "aws_subnet" "c_public" {
  vpc_id                  = aws_vpc.c.id
  cidr_block              = "10.3.0.0/24"
  map_public_ip_on_launch = true # expect: aws-vpc-subnet-auto-assigns-public-ip
}

resource "aws_route_table" "c_public" {
  vpc_id = aws_vpc.c.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.c.id
  }
}

resource "aws_route_table_association" "c_public" {
  subnet_id      = aws_subnet.c_public.id
  route_table_id = aws_route_table.c_public.id
}

resource "aws_security_group" "c_open" {
  name   = "c-open"
  vpc_id = aws_vpc.c.id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-database-port-open-to-internet
  }
}

resource "aws_instance" "c" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.c_public.id
  vpc_security_group_ids      = [aws_security_group.c_open.id]
  associate_public_ip_address = false
}

resource "aws_db_subnet_group" "c" {
  name       = "c"
  subnet_ids = [aws_subnet.c_public.id]
}

resource "aws_db_instance" "c" {
  identifier             = "c"
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  storage_encrypted      = true
  db_subnet_group_name   = aws_db_subnet_group.c.name
  vpc_security_group_ids = [aws_security_group.c_open.id]
}
# also-expect: aws-vpc-subnet-auto-assigns-public-ip, aws-vpc-sg-database-port-open-to-internet
