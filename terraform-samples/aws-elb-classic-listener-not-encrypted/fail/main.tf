resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    lb_port           = 80
    lb_protocol       = "http" # expect: aws-elb-classic-listener-not-encrypted
    instance_port     = 8080
    instance_protocol = "http"
  }

  access_logs {
    bucket = "tfscan-sample-lb-logs"
  }
}

resource "aws_elb" "mixed" {
  name               = "mixed"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
  }

  listener {
    lb_port           = 25
    lb_protocol       = "TCP" # expect: aws-elb-classic-listener-not-encrypted
    instance_port     = 25
    instance_protocol = "TCP"
  }

  access_logs {
    bucket = "tfscan-sample-lb-logs"
  }
}
