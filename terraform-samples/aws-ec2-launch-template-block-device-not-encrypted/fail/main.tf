locals {
  encrypt_volumes = false
}

# encrypted is left out: the provider default is false.
resource "aws_launch_template" "omitted" {
  name_prefix   = "omitted-"
  image_id      = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs { # expect: aws-ec2-launch-template-block-device-not-encrypted
      volume_size = 30
    }
  }
}

resource "aws_launch_template" "explicit" {
  name_prefix   = "explicit-"
  image_id      = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = "false" # expect: aws-ec2-launch-template-block-device-not-encrypted
    }
  }
}

resource "aws_launch_template" "from_local" {
  name_prefix   = "from-local-"
  image_id      = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = true
    }
  }

  block_device_mappings {
    device_name = "/dev/sdf"
    ebs {
      volume_size = 100
      encrypted   = local.encrypt_volumes # expect: aws-ec2-launch-template-block-device-not-encrypted
    }
  }
}
