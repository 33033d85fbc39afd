resource "aws_lb" "public" { # expect: aws-elb-load-balancer-internet-facing, aws-elb-access-logging-disabled, aws-elb-alb-drop-invalid-headers-disabled, aws-elb-alb-no-waf, aws-elb-deletion-protection-disabled
  name    = "public"
  subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_elb" "classic" { # expect: aws-elb-classic-access-logging-disabled
  name     = "classic"
  internal = false # expect: aws-elb-load-balancer-internet-facing
  subnets  = ["subnet-0123456789abcdef0"]
}
