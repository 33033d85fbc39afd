variable "redirect_protocol" {
  type    = string
  default = "HTTP"
}

resource "aws_lb_listener" "forward" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward" # expect: aws-elb-listener-http-not-redirected
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}

# Without a protocol, an Application Load Balancer listener speaks HTTP.
resource "aws_alb_listener" "implicit_http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 8080

  default_action {
    type = "fixed-response" # expect: aws-elb-listener-http-not-redirected
    fixed_response {
      content_type = "text/plain"
      message_body = "ok"
      status_code  = "200"
    }
  }
}

resource "aws_lb_listener" "redirect_to_http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      host        = "www.example.com"
      protocol    = var.redirect_protocol # expect: aws-elb-listener-http-not-redirected
      status_code = "HTTP_301"
    }
  }
}
