resource "aws_lb" "internal" { # expect: aws-elb-access-logging-disabled, aws-elb-alb-drop-invalid-headers-disabled, aws-elb-deletion-protection-disabled
  name     = "internal"
  internal = true
  subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

# Gateway load balancers have no scheme.
resource "aws_lb" "gwlb" { # expect: aws-elb-deletion-protection-disabled
  name               = "gwlb"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0123456789abcdef0"]
}
