locals {
  bootstrap = <<-EOT
    #!/bin/bash
    DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id prod/db --query SecretString --output text)
    API_TOKEN="$${API_TOKEN}"
    yum install -y httpd
    systemctl enable --now httpd
  EOT
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = local.bootstrap

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  user_data   = base64encode(local.bootstrap)

  metadata_options {
    http_tokens = "required"
  }
}
