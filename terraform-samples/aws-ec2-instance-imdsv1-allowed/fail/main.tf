resource "aws_instance" "no_options" { # expect: aws-ec2-instance-imdsv1-allowed, aws-ec2-block-device-not-encrypted
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_instance" "optional" { # expect: aws-ec2-block-device-not-encrypted
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: aws-ec2-instance-imdsv1-allowed
  }
}

resource "aws_instance" "tokens_absent" { # expect: aws-ec2-block-device-not-encrypted
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options { # expect: aws-ec2-instance-imdsv1-allowed
    http_put_response_hop_limit = 1
  }
}
