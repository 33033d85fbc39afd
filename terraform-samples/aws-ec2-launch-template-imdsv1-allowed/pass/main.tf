resource "aws_launch_template" "required" {
  name_prefix = "web-"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

resource "aws_launch_configuration" "required" {
  name_prefix   = "legacy-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_launch_template" "disabled" {
  name_prefix = "batch-"

  metadata_options {
    http_endpoint = "disabled"
  }
}
