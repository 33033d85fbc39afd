resource "aws_elb" "no_logs" { # expect: aws-elb-classic-access-logging-disabled
  name               = "no-logs"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
  }
}

resource "aws_elb" "switched_off" {
  name               = "switched-off"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
  }

  access_logs {
    bucket  = "tfscan-sample-lb-logs"
    enabled = false # expect: aws-elb-classic-access-logging-disabled
  }
}
