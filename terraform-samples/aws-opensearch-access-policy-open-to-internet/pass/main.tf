resource "aws_opensearch_domain" "office" {
  domain_name    = "office"
  engine_version = "OpenSearch_2.11"

  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/office/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}

resource "aws_opensearch_domain" "named" {
  domain_name    = "named"
  engine_version = "OpenSearch_2.11"

  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/search-clients" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/named/*"
    }]
  })
}

# In a VPC, the endpoint is not on the internet.
resource "aws_opensearch_domain" "vpc" {
  domain_name    = "vpc"
  engine_version = "OpenSearch_2.11"

  vpc_options {
    subnet_ids         = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/vpc/*"
    }]
  })
}

# Known in part: the ARN is known only after apply, the principal is a named role.
resource "aws_opensearch_domain_policy" "named" {
  domain_name = aws_opensearch_domain.named.domain_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/search-clients" }
      Action    = "es:*"
      Resource  = "${aws_opensearch_domain.named.arn}/*"
    }]
  })
}
