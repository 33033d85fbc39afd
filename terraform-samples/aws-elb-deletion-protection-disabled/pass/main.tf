resource "aws_lb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    prefix  = "web"
    enabled = true
  }
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_lb" "mqtt" {
  name                       = "mqtt"
  load_balancer_type         = "network"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  enable_deletion_protection = true

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    prefix  = "mqtt"
    enabled = true
  }
}
