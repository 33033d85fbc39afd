resource "aws_opensearch_domain" "logs" {
  domain_name    = "logs"
  engine_version = "OpenSearch_2.11"

  access_policies = jsonencode({ # expect: aws-opensearch-access-policy-open-to-internet
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:*"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/logs/*"
    }]
  })
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
}

resource "aws_elasticsearch_domain_policy" "legacy" {
  domain_name = aws_elasticsearch_domain.legacy.domain_name
  access_policies = jsonencode({ # expect: aws-opensearch-access-policy-open-to-internet
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyoneFromAnywhere"
      Effect    = "Allow"
      Principal = "*"
      Action    = "es:ESHttpGet"
      Resource  = "arn:aws:es:eu-west-1:123456789012:domain/legacy/*"
      Condition = { IpAddress = { "aws:SourceIp" = ["0.0.0.0/1", "128.0.0.0/1"] } }
    }]
  })
}

# The domain's ARN is known only after apply; the principal is known: anyone.
resource "aws_elasticsearch_domain_policy" "own_arn" {
  domain_name = aws_elasticsearch_domain.legacy.domain_name
  access_policies = jsonencode({ # expect: aws-opensearch-access-policy-open-to-internet
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "es:*"
      Resource  = "${aws_elasticsearch_domain.legacy.arn}/*"
    }]
  })
}
