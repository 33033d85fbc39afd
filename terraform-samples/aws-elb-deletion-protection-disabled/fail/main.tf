variable "protect" {
  type    = bool
  default = false
}

resource "aws_lb" "default" { # expect: aws-elb-deletion-protection-disabled
  name                       = "default"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    prefix  = "default"
    enabled = true
  }
}

resource "aws_wafv2_web_acl_association" "default" {
  resource_arn = aws_lb.default.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_lb" "through_variable" {
  name                       = "through-variable"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.protect # expect: aws-elb-deletion-protection-disabled

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    prefix  = "through-variable"
    enabled = true
  }
}

resource "aws_wafv2_web_acl_association" "through_variable" {
  resource_arn = aws_lb.through_variable.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}
