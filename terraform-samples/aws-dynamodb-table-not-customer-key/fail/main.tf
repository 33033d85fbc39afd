# No block: a key owned by DynamoDB.
resource "aws_dynamodb_table" "orders" { # expect: aws-dynamodb-table-not-customer-key
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

# Enabled without a key: the AWS-managed aws/dynamodb.
resource "aws_dynamodb_table" "sessions" {
  name         = "sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption { # expect: aws-dynamodb-table-not-customer-key
    enabled = true
  }
}
