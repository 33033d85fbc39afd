resource "aws_security_group" "app" {
  name        = "app"
  description = "Application servers"
}

resource "aws_instance" "app" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = [aws_security_group.app.id]
}

resource "aws_security_group" "db" {
  name        = "db"
  description = "Database"
}

resource "aws_network_interface" "db" {
  subnet_id       = "subnet-0123456789abcdef0"
  security_groups = [aws_security_group.db.id]
}
