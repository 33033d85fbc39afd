# A range written around database ports (it begins and ends on one) is a database
# exposure.
resource "aws_security_group_rule" "postgres_and_redshift" {
  type              = "ingress"
  security_group_id = "sg-12345678"
  description       = "PostgreSQL and Redshift"
  protocol          = "tcp"
  from_port         = 5432
  to_port           = 5439
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-database-port-open-to-internet
}
