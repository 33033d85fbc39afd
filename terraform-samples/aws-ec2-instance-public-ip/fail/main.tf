resource "aws_instance" "web" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = "subnet-0123456789abcdef0"
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}

resource "aws_launch_configuration" "web" {
  image_id                    = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}

resource "aws_launch_template" "web" {
  image_id = "ami-0123456789abcdef0"

  network_interfaces {
    associate_public_ip_address = "true" # expect: aws-ec2-instance-public-ip
  }
}
