# Within the block, enabled defaults to true.
resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["eu-west-1a", "eu-west-1b"]

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 8080
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/0f0e0d0c-0b0a-0908-0706-050403020100"
  }

  access_logs {
    bucket        = "tfscan-sample-lb-logs"
    bucket_prefix = "web"
    interval      = 60
  }
}
