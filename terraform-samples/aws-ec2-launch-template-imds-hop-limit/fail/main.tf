locals {
  hop_limit = 3
}

resource "aws_launch_template" "nodes" {
  name_prefix   = "nodes-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 2 # expect: aws-ec2-launch-template-imds-hop-limit
  }
}

resource "aws_launch_configuration" "legacy_nodes" {
  name_prefix   = "legacy-nodes-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m6i.large"

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = local.hop_limit # expect: aws-ec2-launch-template-imds-hop-limit
  }

  root_block_device {
    encrypted = true
  }
}
