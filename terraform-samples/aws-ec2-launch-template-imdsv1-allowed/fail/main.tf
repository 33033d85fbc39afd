resource "aws_launch_template" "no_options" { # expect: aws-ec2-launch-template-imdsv1-allowed
  name_prefix   = "web-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

variable "http_tokens" {
  type    = string
  default = "optional"
}

resource "aws_launch_template" "optional" {
  name_prefix = "api-"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.http_tokens # expect: aws-ec2-launch-template-imdsv1-allowed
  }
}

resource "aws_launch_configuration" "legacy" { # expect: aws-ec2-launch-template-imdsv1-allowed
  name_prefix   = "legacy-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
