resource "aws_lb" "no_logs" { # expect: aws-elb-access-logging-disabled
  name                       = "no-logs"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
}

resource "aws_wafv2_web_acl_association" "no_logs" {
  resource_arn = aws_lb.no_logs.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_lb" "bucket_only" {
  name                       = "bucket-only"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  drop_invalid_header_fields = true
  enable_deletion_protection = true

  access_logs { # expect: aws-elb-access-logging-disabled
    bucket = "tfscan-sample-lb-logs"
  }
}

resource "aws_wafv2_web_acl_association" "bucket_only" {
  resource_arn = aws_lb.bucket_only.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
}

resource "aws_lb" "switched_off" {
  name                       = "switched-off"
  load_balancer_type         = "network"
  subnets                    = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  enable_deletion_protection = true

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    enabled = false # expect: aws-elb-access-logging-disabled
  }
}
