resource "aws_ecr_repository" "api" { # expect: aws-ecr-repository-not-customer-key
  name                 = "api"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}

# KMS without a key: the AWS-managed aws/ecr.
resource "aws_ecr_repository" "worker" {
  name                 = "worker"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration { # expect: aws-ecr-repository-not-customer-key
    encryption_type = "KMS"
  }
}
