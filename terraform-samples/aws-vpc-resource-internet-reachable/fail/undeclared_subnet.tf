# A public instance in a subnet declared elsewhere: its route table is unknown here, so
# with SSH open in its group the instance may be reachable: undecided, not a finding.
resource "aws_security_group" "w_ssh" {
  name        = "w-ssh"
  description = "SSH"

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # expect: aws-vpc-sg-admin-port-open-to-internet
  }
}

resource "aws_instance" "w" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = "subnet-0123456789abcdef0"
  vpc_security_group_ids      = [aws_security_group.w_ssh.id]
  associate_public_ip_address = true # expect: aws-ec2-instance-public-ip
}
# also-expect: aws-vpc-sg-admin-port-open-to-internet, aws-ec2-instance-public-ip
