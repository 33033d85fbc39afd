# The same services where IPv6 does not reach them: the tasks' subnet assigns no IPv6
# addresses at launch, and the dual-stack RDS instance is not publicly accessible (RDS
# keeps the IPv6 endpoint of a private instance inside the VPC).
resource "aws_vpc" "q" {
  cidr_block                       = "10.24.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_internet_gateway" "q" {
  vpc_id = aws_vpc.q.id
}

resource "aws_subnet" "q_a" {
  vpc_id                          = aws_vpc.q.id
  cidr_block                      = "10.24.0.0/24"
  ipv6_cidr_block                 = "2600:1f18:24:ab00::/64"
  assign_ipv6_address_on_creation = false
}

resource "aws_subnet" "q_b" {
  vpc_id          = aws_vpc.q.id
  cidr_block      = "10.24.1.0/24"
  ipv6_cidr_block = "2600:1f18:24:ab01::/64"
}

resource "aws_route_table" "q" {
  vpc_id = aws_vpc.q.id

  route {
    ipv6_cidr_block = "::/0"
    gateway_id      = aws_internet_gateway.q.id
  }
}

resource "aws_route_table_association" "q_a" {
  subnet_id      = aws_subnet.q_a.id
  route_table_id = aws_route_table.q.id
}

resource "aws_route_table_association" "q_b" {
  subnet_id      = aws_subnet.q_b.id
  route_table_id = aws_route_table.q.id
}

resource "aws_security_group" "q_app" {
  name        = "q-app"
  description = "Application tasks"
  vpc_id      = aws_vpc.q.id

  ingress {
    description      = "Application port over IPv6"
    from_port        = 8080
    to_port          = 8080
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: aws-vpc-sg-port-open-to-internet
  }
}

resource "aws_ecs_service" "q" {
  name            = "q"
  cluster         = "arn:aws:ecs:eu-west-1:123456789012:cluster/main"
  task_definition = "arn:aws:ecs:eu-west-1:123456789012:task-definition/app:1"
  desired_count   = 2
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = [aws_subnet.q_a.id]
    security_groups  = [aws_security_group.q_app.id]
    assign_public_ip = false
  }
}

resource "aws_security_group" "q_db" {
  name        = "q-db"
  description = "Database"
  vpc_id      = aws_vpc.q.id

  ingress {
    description      = "PostgreSQL over IPv6"
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"] # expect: aws-vpc-sg-database-port-open-to-internet
  }
}

resource "aws_db_subnet_group" "q" {
  name       = "q"
  subnet_ids = [aws_subnet.q_a.id, aws_subnet.q_b.id]
}

resource "aws_db_instance" "q" {
  identifier             = "q"
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  username               = "app"
  manage_master_user_password = true
  db_subnet_group_name   = aws_db_subnet_group.q.name
  vpc_security_group_ids = [aws_security_group.q_db.id]
  network_type           = "DUAL"
  publicly_accessible    = false
  storage_encrypted      = true
}
# also-expect: aws-vpc-sg-port-open-to-internet, aws-vpc-sg-database-port-open-to-internet
