resource "aws_instance" "app" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = "subnet-0123456789abcdef0"
  associate_public_ip_address = false
}

resource "aws_launch_template" "app" {
  image_id = "ami-0123456789abcdef0"

  network_interfaces {
    associate_public_ip_address = false
  }
}
