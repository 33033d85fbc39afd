resource "aws_vpc" "unlogged" { # expect: aws-vpc-flow-logs-disabled, aws-vpc-default-sg-has-rules
  cidr_block = "10.0.0.0/16"
}
