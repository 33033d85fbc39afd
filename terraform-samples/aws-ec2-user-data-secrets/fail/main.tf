locals {
  bootstrap = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
    export AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    yum install -y httpd
  EOT

  db_script = <<-EOT
    #!/bin/bash
    DB_PASSWORD='hunter2hunter2'
    mysql -h db.internal -u app -p"$DB_PASSWORD" < /opt/schema.sql
  EOT
}

resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = local.bootstrap # expect: aws-ec2-user-data-secrets

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}

resource "aws_instance" "db_client" {
  ami              = "ami-0123456789abcdef0"
  instance_type    = "t3.micro"
  user_data_base64 = base64encode(local.db_script) # expect: aws-ec2-user-data-secrets

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}

resource "aws_launch_template" "workers" {
  name_prefix = "workers-"
  user_data   = base64encode("#!/bin/bash\necho 'ghp_0123456789abcdefghijABCDEFGHIJ012345' > /etc/gh-token\n") # expect: aws-ec2-user-data-secrets

  metadata_options {
    http_tokens = "required"
  }
}

resource "aws_launch_configuration" "legacy" {
  name_prefix   = "legacy-"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = "#!/bin/bash\nexport SLACK_BOT_TOKEN=xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx\n" # expect: aws-ec2-user-data-secrets

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }
}
