resource "aws_instance" "no_options" { # expect: aws-ec2-instance-imdsv1-allowed
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}

resource "aws_instance" "optional" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "optional" # expect: aws-ec2-instance-imdsv1-allowed
  }
}

resource "aws_instance" "tokens_absent" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options { # expect: aws-ec2-instance-imdsv1-allowed
    http_put_response_hop_limit = 1
  }
}

# Null leaves an argument to its default, in a nested block and in a dynamic block alike:
# http_tokens defaults to "optional".
resource "aws_instance" "tokens_null" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = null
    http_tokens   = null # expect: aws-ec2-instance-imdsv1-allowed
  }
}

resource "aws_instance" "tokens_null_dynamic" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  dynamic "metadata_options" {
    for_each = [{ tokens = null }]
    content {
      http_tokens = metadata_options.value.tokens # expect: aws-ec2-instance-imdsv1-allowed
    }
  }
}
