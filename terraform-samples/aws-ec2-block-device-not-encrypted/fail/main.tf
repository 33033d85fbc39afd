variable "encrypt_data" {
  type    = bool
  default = false
}

# No root_block_device: the root volume is created unencrypted.
resource "aws_instance" "no_root_block" { # expect: aws-ec2-block-device-not-encrypted
  ami           = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"
  subnet_id     = "subnet-0123456789abcdef0"
}

resource "aws_instance" "explicit" {
  ami           = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"
  subnet_id     = "subnet-0123456789abcdef0"

  root_block_device {
    volume_size = 30
    encrypted   = false # expect: aws-ec2-block-device-not-encrypted
  }
}

resource "aws_instance" "data_volume" {
  ami           = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"
  subnet_id     = "subnet-0123456789abcdef0"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = var.encrypt_data # expect: aws-ec2-block-device-not-encrypted
  }
}

# A root_block_device that leaves encrypted out (default false).
resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"

  root_block_device { # expect: aws-ec2-block-device-not-encrypted
    volume_size = 30
  }
}
