resource "aws_default_vpc" "default" { # expect: aws-vpc-default-vpc-declared
  tags = {
    Name = "Default VPC"
  }
}
