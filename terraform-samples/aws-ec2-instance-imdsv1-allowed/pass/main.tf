resource "aws_instance" "required" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
}

# With the endpoint disabled there is no metadata service to ask.
resource "aws_instance" "disabled" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = "disabled"
  }
}

# A null endpoint is the default, enabled: the required tokens are what counts.
resource "aws_instance" "endpoint_null" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint = null
    http_tokens   = "required"
  }
}
