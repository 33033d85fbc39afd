resource "aws_kinesis_stream" "defaulted" { # expect: aws-kinesis-stream-not-customer-key
  name             = "defaulted"
  retention_period = 48

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

resource "aws_kinesis_stream" "explicit" {
  name             = "explicit"
  retention_period = 48
  encryption_type  = "NONE" # expect: aws-kinesis-stream-not-customer-key

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

resource "aws_kinesis_stream" "aws_managed" {
  name             = "aws-managed"
  retention_period = 48
  encryption_type  = "KMS"
  kms_key_id       = "alias/aws/kinesis" # expect: aws-kinesis-stream-not-customer-key

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}

locals {
  stream_encryption = "NONE"
}

resource "aws_kinesis_stream" "from_local" {
  name             = "from-local"
  retention_period = 48
  encryption_type  = local.stream_encryption # expect: aws-kinesis-stream-not-customer-key

  stream_mode_details {
    stream_mode = "ON_DEMAND"
  }
}
