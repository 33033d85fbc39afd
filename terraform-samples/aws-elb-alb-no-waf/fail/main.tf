resource "aws_lb" "unprotected" { # expect: aws-elb-alb-no-waf
  name                       = "unprotected"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    prefix  = "unprotected"
    enabled = true
  }
}

# The association protects another load balancer.
resource "aws_lb" "other" { # expect: aws-elb-alb-no-waf
  name                       = "other"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    prefix  = "other"
    enabled = true
  }
}

resource "aws_wafv2_web_acl_association" "elsewhere" {
  resource_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/elsewhere/50dc6c495c0c9188"
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}
