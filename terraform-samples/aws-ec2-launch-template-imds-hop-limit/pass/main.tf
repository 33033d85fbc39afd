resource "aws_launch_template" "nodes" {
  name_prefix   = "nodes-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}

# The metadata service is switched off: the hop limit does not matter.
resource "aws_launch_template" "no_imds" {
  name_prefix   = "no-imds-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"

  metadata_options {
    http_endpoint               = "disabled"
    http_put_response_hop_limit = 2
  }
}

resource "aws_launch_configuration" "legacy_nodes" {
  name_prefix   = "legacy-nodes-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    encrypted = true
  }
}
