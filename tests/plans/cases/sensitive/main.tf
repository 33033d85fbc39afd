# A secret that the plan marks sensitive must never appear in any output.
variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2-do-not-print"
}

resource "aws_db_instance" "db" {
  identifier        = "sensitive"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.db_password
  storage_encrypted = false
}
