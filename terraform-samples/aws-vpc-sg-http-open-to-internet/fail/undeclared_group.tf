# The group is named but not declared (a misspelling: Terraform rejects the reference,
# and the scan warns). aws_security_group.<name> can only be this module's own group,
# and no load balancer here uses it.
resource "aws_security_group_rule" "http_on_misspelt_group" {
  type              = "ingress"
  description       = "web"
  protocol          = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_blocks       = ["0.0.0.0/0"] # expect: aws-vpc-sg-http-open-to-internet
  security_group_id = aws_security_group.wbe.id
}
