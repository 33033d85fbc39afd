resource "aws_instance" "app" { # expect: aws-ec2-block-device-not-encrypted, aws-ec2-instance-imdsv1-allowed
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = "subnet-0123456789abcdef0"
  associate_public_ip_address = false
}

resource "aws_launch_template" "app" { # expect: aws-ec2-launch-template-imdsv1-allowed
  image_id = "ami-0123456789abcdef0"

  network_interfaces {
    associate_public_ip_address = false
  }
}
