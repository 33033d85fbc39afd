# IPv6 reaches services that have no public IPv4 address: ECS tasks in a subnet that
# assigns IPv6 addresses at launch, and an RDS instance in dual-stack mode that is
# publicly accessible. Their groups admit only ::/0.
resource "aws_vpc" "s" {
  cidr_block                       = "10.23.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_internet_gateway" "s" {
  vpc_id = aws_vpc.s.id
}

resource "aws_subnet" "s_a" {
  vpc_id                          = aws_vpc.s.id
  cidr_block                      = "10.23.0.0/24"
  ipv6_cidr_block                 = "2600:1f18:23:ab00::/64"
  assign_ipv6_address_on_creation = true
}

resource "aws_subnet" "s_b" {
  vpc_id          = aws_vpc.s.id
  cidr_block      = "10.23.1.0/24"
  ipv6_cidr_block = "2600:1f18:23:ab01::/64"
}

resource "aws_route_table" "s" {
  vpc_id = aws_vpc.s.id

  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = aws_internet_gateway.s.id
  }
}

resource "aws_route_table_association" "s_a" {
  subnet_id      = aws_subnet.s_a.id
  route_table_id = aws_route_table.s.id
}

resource "aws_route_table_association" "s_b" {
  subnet_id      = aws_subnet.s_b.id
  route_table_id = aws_route_table.s.id
}

resource "aws_security_group" "s_app" {
  name        = "s-app"
  description = "Application tasks"
  vpc_id      = aws_vpc.s.id

  ingress {
    description      = "Application port over IPv6"
    from_port        = 8080
    to_port          = 8080
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: aws-vpc-sg-port-open-to-internet
  }
}

resource "aws_ecs_service" "s" {
  name            = "s"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/main"
  task_definition = "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:1"
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = [aws_subnet.s_a.id]
    security_groups  = [aws_security_group.s_app.id]
    assign_public_ip = false
  }
}

resource "aws_security_group" "s_db" {
  name        = "s-db"
  description = "Database"
  vpc_id      = aws_vpc.s.id

  ingress {
    description      = "PostgreSQL over IPv6"
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: aws-vpc-sg-database-port-open-to-internet
  }
}

resource "aws_db_subnet_group" "s" {
  name       = "s"
  subnet_ids = [aws_subnet.s_a.id, aws_subnet.s_b.id]
}

resource "aws_db_instance" "s" {
  identifier             = "s"
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  username               = "app"
  manage_master_user_password = true
  db_subnet_group_name   = aws_db_subnet_group.s.name
  vpc_security_group_ids = [aws_security_group.s_db.id]
  network_type           = "DUAL"
  publicly_accessible    = true
  storage_encrypted      = true
}
# also-expect: aws-vpc-sg-port-open-to-internet, aws-vpc-sg-database-port-open-to-internet
