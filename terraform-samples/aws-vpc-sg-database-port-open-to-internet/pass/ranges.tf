# InfluxDB's default port inside a range of application ports is not a database
# exposure: aws-vpc-sg-port-open-to-internet names the range.
resource "aws_security_group_rule" "app_range" {
  type              = "ingress"
  security_group_id = "sg-12345678"
  description       = "user-service ports"
  protocol          = "tcp"
  from_port         = 8080
  to_port           = 8090
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-port-open-to-internet
}
# also-expect: aws-vpc-sg-port-open-to-internet
