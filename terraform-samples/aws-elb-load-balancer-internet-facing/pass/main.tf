resource "aws_lb" "internal" {
  name     = "internal"
  internal = true
  subnets  = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
}

# Gateway load balancers have no scheme.
resource "aws_lb" "gwlb" {
  name               = "gwlb"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0123456789abcdef0"]
}
