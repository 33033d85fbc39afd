resource "aws_launch_template" "encrypted" {
  name_prefix   = "encrypted-"
  image_id      = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = true
      kms_key_id  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

# No mappings: the volumes come from the AMI.
resource "aws_launch_template" "from_ami" {
  name_prefix   = "from-ami-"
  image_id      = "ami-0c1bc246476a5572b"
  instance_type = "t3.small"
}
