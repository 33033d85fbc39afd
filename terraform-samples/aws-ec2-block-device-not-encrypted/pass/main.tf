resource "aws_instance" "web" {
  ami           = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"
  subnet_id     = "subnet-0123456789abcdef0"

  root_block_device {
    encrypted = true
  }

  ebs_block_device {
    device_name = "/dev/sdf"
    volume_size = 100
    encrypted   = true
    kms_key_id  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

resource "aws_launch_configuration" "workers" {
  name_prefix   = "workers-"
  image_id      = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"

  root_block_device {
    encrypted = true
  }
}
