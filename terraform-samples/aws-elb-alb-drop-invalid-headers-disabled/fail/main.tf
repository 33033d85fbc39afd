resource "aws_lb" "default" { # expect: aws-elb-alb-drop-invalid-headers-disabled
  name                       = "default"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  enable_deletion_protection = true

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

resource "aws_lb" "explicit" {
  name                       = "explicit"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = false # expect: aws-elb-alb-drop-invalid-headers-disabled
  enable_deletion_protection = true

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    prefix  = "explicit"
    enabled = true
  }
}

resource "aws_wafv2_web_acl_association" "explicit" {
  resource_arn = aws_lb.explicit.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}
