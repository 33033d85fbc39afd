resource "aws_vpc" "unlogged" { # expect: aws-vpc-flow-logs-disabled
  cidr_block = "10.0.0.0/16"
}
