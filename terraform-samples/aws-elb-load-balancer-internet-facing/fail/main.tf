resource "aws_lb" "public" { # expect: aws-elb-load-balancer-internet-facing
  name    = "public"
  subnets = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

resource "aws_elb" "classic" {
  name     = "classic"
  internal = false # expect: aws-elb-load-balancer-internet-facing
  subnets  = ["subnet-0123456789abcdef0"]
}
